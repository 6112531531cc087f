#!/usr/bin/env python3
"""Build the tiny random-weight fixtures of the NomicBERT, ModernBERT and Qwen3 embedding
encoders under tests/fixtures/models/, with references from transformers and
sentence-transformers (the same reference.json / reference.safetensors layout as
tools/models/make_fixtures.py, whose helpers it reuses).

Needs the packages of tools/models/requirements.txt. CI never runs this: the Rust tests and
tests/models.test.ts read only its output. Each fixture is a few hundred KB at most: a
tokenizer trained here on the fixture texts (a few hundred tokens of vocabulary, the special
tokens and post-processing of the real model's tokenizer), f16-stored weights.

    python tools/models/make_rope_encoder_fixtures.py [--only nomic|modernbert|qwen3]

Writes:
  nomic_tiny/         nomic-embed-text v1.5's architecture (transformers' NomicBertModel: RoPE,
                      SwiGLU, post-norm, no biases), a WordPiece tokenizer, mean pooling,
                      Normalize, nomic's search_query/search_document prompts
                      (transformers' save_pretrained writes the weights in nomic's own layout:
                      Wqkv, fc11/fc12, emb_ln, norm1/norm2, as the published checkpoints have them)
  nomic_tiny/original/
                      the same model with config.json in nomic's own spelling (n_embd, n_head,
                      rotary_emb_base, activation_function "swiglu"), which the published
                      checkpoints use; transformers 5.23 does not map those keys (it builds a
                      768-wide model and fails on the shapes), so only Ingot is checked on it
  modernbert_tiny/    ModernBERT (alternating global/local attention with a window of 8,
                      two RoPE bases, GeGLU, bias-free LayerNorms), a byte-level BPE tokenizer
                      with [CLS]/[SEP], CLS pooling + Normalize as gte-modernbert does
  qwen3_tiny/         Qwen3-Embedding's layout: causal Qwen3 (GQA 4/2, head_dim 16, q/k norms),
                      a byte-level BPE tokenizer that appends <|endoftext|> and pads on the
                      left, last-token pooling, Normalize, and Qwen3-Embedding's
                      instruction prompt as "query" in config_sentence_transformers.json
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import OUT, TEXTS, write_reference  # noqa: E402

QWEN3_QUERY_PROMPT = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:"


def randomize(model: torch.nn.Module, seed: int, std: float) -> None:
    """Every parameter random; norm weights around 1 (LayerNorm and RMSNorm gammas)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=g) * std)
            if "norm" in name.lower() and name.endswith("weight"):
                p.add_(1.0)
            # Stored as f16 below; the f32 model uses exactly those values.
            p.copy_(p.half().float())


def save_f16(model: torch.nn.Module, folder: Path) -> None:
    model.save_pretrained(folder, safe_serialization=True)
    sd = load_file(str(folder / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in sd.items()}, str(folder / "model.safetensors"), metadata={"format": "pt"})


def train_tokenizer(kind: str, specials: list[str], vocab: int):
    """A small tokenizer trained on the fixture texts: WordPiece with BERT's normalizer and
    pre-tokenizer, byte-level BPE (GPT-2 style, as ModernBERT's), or byte-level BPE with Qwen's
    pre-tokenizer."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    corpus = TEXTS * 4 + [QWEN3_QUERY_PROMPT, "search_query: search_document: "]
    if kind == "wordpiece":
        tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
        tok.normalizer = normalizers.BertNormalizer(lowercase=True)
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok.decoder = decoders.WordPiece()
        trainer = trainers.WordPieceTrainer(vocab_size=vocab, special_tokens=specials)
    elif kind == "qwen":
        # Qwen2/3's own normalizer and pre-tokenizer (digits one by one), which transformers'
        # Qwen2Tokenizer also installs whatever tokenizer.json says.
        from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX
        from tokenizers import Regex

        tok = Tokenizer(models.BPE())
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            vocab_size=vocab, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
        )
    else:
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            vocab_size=vocab, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
        )
    tok.train_from_iterator(corpus, trainer)
    return tok


def template(tok, single: str, pair: str, names: list[str]):
    from tokenizers import processors

    tok.post_processor = processors.TemplateProcessing(
        single=single, pair=pair, special_tokens=[(n, tok.token_to_id(n)) for n in names]
    )


def st_folder(folder: Path, pooling: dict, dim: int, prompts: dict | None, max_seq_length: int) -> None:
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": max_seq_length, "do_lower_case": False}, indent=2) + "\n"
    )
    (folder / "1_Pooling").mkdir()
    modes = {
        "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": False, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False, "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
    }
    modes.update(pooling)
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": dim, **modes, "include_prompt": True}, indent=2) + "\n"
    )
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2) + "\n")
    if prompts is not None:
        (folder / "config_sentence_transformers.json").write_text(json.dumps({
            "prompts": prompts, "default_prompt_name": None, "similarity_fn_name": "cosine"}, indent=2) + "\n")


def load_st(folder: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})


def make_nomic() -> None:
    from transformers import AutoModel, AutoTokenizer, NomicBertConfig, NomicBertModel

    folder = OUT / "nomic_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tok = train_tokenizer("wordpiece", ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], 400)
    template(tok, "[CLS] $A [SEP]", "[CLS] $A [SEP] $B:1 [SEP]:1", ["[CLS]", "[SEP]"])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 8192,
        "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
        "mask_token": "[MASK]"}, indent=2) + "\n")
    vocab = tok.get_vocab_size()
    cfg = NomicBertConfig(
        # head_dim 16 with hidden 32 and 4 heads: attention 64 wide, so nothing may assume
        # hidden_size == heads * head_dim (transformers' NomicBertConfig allows it).
        vocab_size=vocab, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, head_dim=16, intermediate_size=48,
        hidden_act="silu", max_position_embeddings=128, type_vocab_size=2, layer_norm_eps=1e-12,
        pad_token_id=0, rope_parameters={"rope_type": "default", "rope_theta": 1000.0},
    )
    torch.manual_seed(0)
    model = NomicBertModel(cfg).eval()
    randomize(model, seed=11, std=0.3)
    save_f16(model, folder)
    st_folder(folder, {"pooling_mode_mean_tokens": True}, 32,
              {"query": "search_query: ", "document": "search_document: "}, 32)
    st = load_st(folder)
    auto = AutoModel.from_pretrained(folder, attn_implementation="eager").float().eval()
    assert type(auto).__name__ == "NomicBertModel", type(auto)
    write_reference(folder, st, auto, AutoTokenizer.from_pretrained(folder), TEXTS, 32, [16], hidden_only_real=False)
    make_nomic_original(folder, auto)


def make_nomic_original(folder: Path, auto) -> None:
    """The fixture's model with config.json in the spelling of nomic's own code (contrastors'
    NomicBertConfig), which the published nomic-embed-text checkpoints use. The weights are the
    same file: transformers already saves them in nomic's layout."""
    from transformers import AutoModel

    orig = folder / "original"
    orig.mkdir()
    c = auto.config
    (orig / "config.json").write_text(json.dumps({
        "model_type": "nomic_bert", "architectures": ["NomicBertModel"], "activation_function": "swiglu",
        "vocab_size": c.vocab_size, "n_embd": c.hidden_size, "n_head": c.num_attention_heads,
        "n_layer": c.num_hidden_layers, "n_inner": c.intermediate_size, "n_positions": c.max_position_embeddings,
        "type_vocab_size": c.type_vocab_size, "layer_norm_epsilon": c.layer_norm_eps, "rotary_emb_base": 1000,
        "rotary_emb_fraction": 1.0, "rotary_emb_interleaved": False, "rotary_scaling_factor": None,
        "qkv_proj_bias": False, "mlp_fc1_bias": False, "mlp_fc2_bias": False, "prenorm": False,
        "causal": False, "pad_token_id": 0,
        # nomic's own code has no head_dim (always n_embd / n_head); this fixture's differs.
        "head_dim": c.head_dim,
    }, indent=2) + "\n")
    shutil.copy(folder / "model.safetensors", orig / "model.safetensors")
    # Whether transformers reads nomic's spelling (5.23 does not: it falls back to its defaults).
    try:
        conv = AutoModel.from_pretrained(orig, attn_implementation="eager").float().eval()
        ids = torch.tensor([[2, 50, 60, 70, 3]])
        with torch.no_grad():
            err = (conv(input_ids=ids).last_hidden_state - auto(input_ids=ids).last_hidden_state).abs().max().item()
        print(f"nomic's config spelling through transformers: max abs {err:.2e}")
    except Exception as e:  # noqa: BLE001 - reported, not fatal: the Rust test compares the two spellings
        print(f"note: transformers does not read nomic's config spelling ({type(e).__name__})")


def make_modernbert() -> None:
    from transformers import AutoModel, AutoTokenizer, ModernBertConfig, ModernBertModel

    folder = OUT / "modernbert_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = train_tokenizer("bpe", specials, 500)
    template(tok, "[CLS] $A [SEP]", "[CLS] $A [SEP] $B [SEP]", ["[CLS]", "[SEP]"])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": 8192, "pad_token": "[PAD]",
        "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]", "mask_token": "[MASK]",
        "model_input_names": ["input_ids", "attention_mask"]}, indent=2) + "\n")
    ids = {s: tok.token_to_id(s) for s in specials}
    cfg = ModernBertConfig(
        vocab_size=tok.get_vocab_size(), hidden_size=32, intermediate_size=48, num_hidden_layers=4,
        num_attention_heads=4, hidden_activation="gelu", max_position_embeddings=128, norm_eps=1e-5,
        norm_bias=False, local_attention=8, global_attn_every_n_layers=3, global_rope_theta=160000.0,
        local_rope_theta=10000.0, pad_token_id=ids["[PAD]"], cls_token_id=ids["[CLS]"],
        sep_token_id=ids["[SEP]"], bos_token_id=ids["[CLS]"], eos_token_id=ids["[SEP]"],
    )
    assert cfg.layer_types == ["full_attention", "sliding_attention", "sliding_attention", "full_attention"], cfg.layer_types
    torch.manual_seed(0)
    model = ModernBertModel(cfg).eval()
    randomize(model, seed=12, std=0.3)
    save_f16(model, folder)
    st_folder(folder, {"pooling_mode_cls_token": True}, 32, None, 40)
    st = load_st(folder)
    auto = AutoModel.from_pretrained(folder, attn_implementation="eager").float().eval()
    assert type(auto).__name__ == "ModernBertModel", type(auto)
    write_reference(folder, st, auto, AutoTokenizer.from_pretrained(folder), TEXTS, 40, [16], hidden_only_real=False)


def make_qwen3() -> None:
    from transformers import AutoModel, AutoTokenizer, Qwen3Config, Qwen3Model

    folder = OUT / "qwen3_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tok = train_tokenizer("qwen", ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], 500)
    # Qwen3-Embedding's tokenizer appends <|endoftext|>, the token last-token pooling reads.
    template(tok, "$A <|endoftext|>", "$A <|endoftext|> $B:1 <|endoftext|>:1", ["<|endoftext|>"])
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "Qwen2Tokenizer", "model_max_length": 32768, "pad_token": "<|endoftext|>",
        "eos_token": "<|im_end|>", "padding_side": "left", "add_prefix_space": False}, indent=2) + "\n")
    eot = tok.token_to_id("<|endoftext|>")
    cfg = Qwen3Config(
        vocab_size=tok.get_vocab_size(), hidden_size=32, intermediate_size=64, num_hidden_layers=3,
        num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=256,
        rms_norm_eps=1e-6, rope_parameters={"rope_type": "default", "rope_theta": 1_000_000.0},
        attention_bias=False, tie_word_embeddings=True, pad_token_id=eot, eos_token_id=eot, bos_token_id=eot,
    )
    torch.manual_seed(0)
    model = Qwen3Model(cfg).eval()
    randomize(model, seed=13, std=0.3)
    save_f16(model, folder)
    st_folder(folder, {"pooling_mode_lasttoken": True}, 32, {"query": QWEN3_QUERY_PROMPT, "document": ""}, 64)
    st = load_st(folder)
    assert st.tokenizer.padding_side == "left", st.tokenizer.padding_side
    auto = AutoModel.from_pretrained(folder, attn_implementation="eager").float().eval()
    assert type(auto).__name__ == "Qwen3Model", type(auto)
    write_reference(folder, st, auto, AutoTokenizer.from_pretrained(folder), TEXTS, 64, [16], hidden_only_real=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["nomic", "modernbert", "qwen3"], default=None)
    args = ap.parse_args()
    torch.set_num_threads(2)
    OUT.mkdir(parents=True, exist_ok=True)
    makers = {"nomic": make_nomic, "modernbert": make_modernbert, "qwen3": make_qwen3}
    for name, make in makers.items():
        if args.only in (None, name):
            make()
            size = sum(p.stat().st_size for p in (OUT / f"{name}_tiny").rglob("*") if p.is_file())
            print(f"{name}_tiny: {size / 1e3:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
