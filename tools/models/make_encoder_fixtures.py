#!/usr/bin/env python3
"""Build the committed fixtures of the encoder architectures beyond BERT and Gemma3, and of the
sentence-transformers pooling options, under tests/fixtures/models/.

Each folder is a tiny random-weight sentence-transformers model with a small tokenizer trained
here (so nothing is downloaded and the files stay a few hundred KB), plus reference.json and
reference.safetensors in the format tools/models/make_fixtures.py writes (transformers'
last_hidden_state, sentence-transformers' embeddings), which native-rust/models/tests and
tests/models.test.ts compare against (max abs <= 1e-4).

    /work/venvs/ml/bin/python tools/models/make_encoder_fixtures.py [--only real-mpnet]

Writes:
  xlmr_tiny/    XLM-RoBERTa (hidden 32, 2 layers, positions from pad_token_id + 1, one token
                type), a SentencePiece-Unigram tokenizer shaped like XLM-R's (<s> <pad> </s> <unk>
                at 0..3), mean pooling, Normalize, multilingual-e5's prompts ("query: ",
                "passage: "); also encode(prompt="passage: ") and prompt_name="query"
  mpnet_tiny/   MPNet (hidden 32, 2 layers, 4 heads, relative position bias with 32 buckets), a
                WordPiece tokenizer shaped like MPNet's (<s> A </s>, lower case), mean pooling,
                Normalize; a 120-token input exercises the logarithmic buckets
  bge_tiny/     BERT with CLS pooling and Normalize (the bge layout), a small WordPiece tokenizer
  bge_tiny/variants/<name>/
                modules.json and module folders that replace bge_tiny's pooling with another
                sentence-transformers configuration over the same Transformer (weighted mean,
                last token, max, cls+mean+max concatenated, mean_sqrt_len, a Dense with Tanh);
                their embeddings are in bge_tiny/reference.safetensors as emb_variant_<name>
  mpnet_buckets.json
                transformers' MPNetEncoder.relative_position_bucket over -600..599
  mpnet_real.json / mpnet_real.safetensors
                10 real sentences and all-mpnet-base-v2's embeddings from sentence-transformers
                (only if tools/models/fetch_mpnet.sh has installed the real weights)
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch
from safetensors.torch import save_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import OUT, TEXTS, randomize_, write_reference  # noqa: E402

# Text the small tokenizers are trained on: the fixture texts plus some ordinary sentences, so
# most words split into several pieces and a few characters stay unknown.
CORPUS = TEXTS + [
    "A man is eating food. A man is eating a piece of bread.",
    "The girl is carrying a baby. A man is riding a horse.",
    "Which planet is known as the Red Planet? Mars is red.",
    "query: how much protein should a female eat",
    "passage: As a general guideline, the average protein requirement for women is 46 grams per day.",
    "Le chat est sur la table. Der Hund schläft. El perro duerme.",
    "Represent this sentence for searching relevant passages:",
] * 3


def train_unigram(vocab_size: int):
    """A SentencePiece Unigram tokenizer with XLM-R's special tokens, ids and template."""
    from tokenizers import SentencePieceUnigramTokenizer, processors

    tok = SentencePieceUnigramTokenizer()
    tok.train_from_iterator(CORPUS, vocab_size=vocab_size, special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
                            unk_token="<unk>", show_progress=False)
    tok.add_special_tokens(["<mask>"])
    t = tok._tokenizer
    t.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", t.token_to_id("<s>")), ("</s>", t.token_to_id("</s>"))])
    assert [t.token_to_id(s) for s in ["<s>", "<pad>", "</s>", "<unk>"]] == [0, 1, 2, 3]
    return t


def train_wordpiece(vocab_size: int, specials: list[str], cls: str, sep: str, pair_sep: str):
    """A lower-casing BERT WordPiece tokenizer; `pair_sep` is what sits between pair halves."""
    from tokenizers import BertWordPieceTokenizer, processors

    tok = BertWordPieceTokenizer(lowercase=True, unk_token=specials[3] if cls == "<s>" else "[UNK]")
    tok.train_from_iterator(CORPUS, vocab_size=vocab_size, special_tokens=specials, show_progress=False)
    t = tok._tokenizer
    t.post_processor = processors.TemplateProcessing(
        single=f"{cls} $A {sep}", pair=f"{cls} $A {pair_sep} $B:1 {sep}:1",
        special_tokens=sorted({(s, t.token_to_id(s)) for s in [cls, sep] + pair_sep.split()}))
    return t


def save_tokenizer(t, folder: Path, **config) -> None:
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(tokenizer_object=t, **config)
    fast.save_pretrained(folder)


def sentence_transformers_folder(folder: Path, modules: list[tuple[str, str]], pooling: dict, max_seq_length: int,
                                 prompts: dict | None = None) -> None:
    """modules.json, 1_Pooling/config.json, sentence_bert_config.json (and prompts)."""
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": max_seq_length, "do_lower_case": False}, indent=2) + "\n")
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling, indent=2) + "\n")
    (folder / "modules.json").write_text(json.dumps([
        {"idx": i, "name": str(i), "path": p, "type": f"sentence_transformers.models.{t}"} for i, (t, p) in enumerate(modules)
    ], indent=2) + "\n")
    if prompts is not None:
        (folder / "config_sentence_transformers.json").write_text(json.dumps(
            {"prompts": prompts, "default_prompt_name": None, "similarity_fn_name": "cosine"}, indent=2) + "\n")


def pooling_config(dim: int, mode: str | list[str]) -> dict:
    modes = [mode] if isinstance(mode, str) else mode
    return {"word_embedding_dimension": dim, **{f"pooling_mode_{m}": m in modes for m in
            ["cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens", "lasttoken"]},
            "include_prompt": True}


STANDARD = [("Transformer", ""), ("Pooling", "1_Pooling"), ("Normalize", "2_Normalize")]


def record_prompts(folder: Path, st, texts, extra: dict) -> None:
    """encode(prompt=...) and encode(prompt_name=...) into reference.safetensors."""
    from safetensors.torch import load_file

    ref = load_file(str(folder / "reference.safetensors"))
    for key, kw in extra.items():
        ref[key] = st.encode(texts, convert_to_tensor=True, normalize_embeddings=True, **kw).float().cpu().contiguous()
    save_file(ref, str(folder / "reference.safetensors"))
    meta = json.loads((folder / "reference.json").read_text())
    meta["prompt_encodings"] = extra
    (folder / "reference.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")


def make_xlmr() -> None:
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer, XLMRobertaConfig, XLMRobertaModel

    folder = OUT / "xlmr_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = train_unigram(400)
    save_tokenizer(t, folder, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
                   cls_token="<s>", sep_token="</s>", mask_token="<mask>", model_max_length=128,
                   model_input_names=["input_ids", "attention_mask"])
    cfg = XLMRobertaConfig(
        vocab_size=t.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=130, type_vocab_size=1, hidden_act="gelu",
        layer_norm_eps=1e-5, pad_token_id=1, bos_token_id=0, eos_token_id=2,
    )
    torch.manual_seed(0)
    model = XLMRobertaModel(cfg, add_pooling_layer=False).eval()
    randomize_(model, seed=11, std=0.3)
    model.save_pretrained(folder, safe_serialization=True)
    sentence_transformers_folder(folder, STANDARD, pooling_config(32, "mean_tokens"), 32,
                                 prompts={"query": "query: ", "passage": "passage: "})
    st = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    auto = XLMRobertaModel.from_pretrained(folder, attn_implementation="eager", add_pooling_layer=False).float().eval()
    tok = AutoTokenizer.from_pretrained(folder)
    long_texts = [" ".join(TEXTS) * 2, TEXTS[0]]
    write_reference(folder, st, auto, tok, TEXTS, 32, [16], hidden_only_real=False, long_texts=long_texts, long_max_len=120)
    record_prompts(folder, st, TEXTS, {"emb_prompt_text": {"prompt": "passage: "}, "emb_prompt_query": {"prompt_name": "query"}})


def make_mpnet() -> None:
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer, MPNetConfig, MPNetModel
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder

    folder = OUT / "mpnet_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = train_wordpiece(500, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"], "<s>", "</s>", "</s> </s>")
    assert [t.token_to_id(s) for s in ["<s>", "<pad>", "</s>", "<unk>"]] == [0, 1, 2, 3]
    save_tokenizer(t, folder, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
                   cls_token="<s>", sep_token="</s>", mask_token="<mask>", model_max_length=128,
                   model_input_names=["input_ids", "attention_mask"])
    cfg = MPNetConfig(
        vocab_size=t.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=130, hidden_act="gelu", layer_norm_eps=1e-5,
        relative_attention_num_buckets=32, pad_token_id=1, bos_token_id=0, eos_token_id=2,
    )
    torch.manual_seed(0)
    model = MPNetModel(cfg, add_pooling_layer=False).eval()
    randomize_(model, seed=12, std=0.3)
    with torch.no_grad():  # a bias large enough that a wrong bucket shows
        model.encoder.relative_attention_bias.weight.mul_(3.0)
    model.save_pretrained(folder, safe_serialization=True)
    sentence_transformers_folder(folder, STANDARD, pooling_config(32, "mean_tokens"), 40)
    st = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    auto = MPNetModel.from_pretrained(folder, attn_implementation="eager", add_pooling_layer=False).float().eval()
    tok = AutoTokenizer.from_pretrained(folder)
    long_texts = [" ".join(TEXTS) * 2, TEXTS[0]]
    write_reference(folder, st, auto, tok, TEXTS, 40, [16], hidden_only_real=False, long_texts=long_texts, long_max_len=120)
    rel = torch.arange(-600, 600)
    (OUT / "mpnet_buckets.json").write_text(json.dumps(MPNetEncoder.relative_position_bucket(rel).tolist()) + "\n")


# Pooling configurations over bge_tiny's Transformer: name -> (modules after the Transformer, pooling modes).
VARIANTS = {
    "weightedmean": ([("Pooling", "1_Pooling"), ("Normalize", "2_Normalize")], "weightedmean_tokens"),
    "lasttoken": ([("Pooling", "1_Pooling")], "lasttoken"),
    "max": ([("Pooling", "1_Pooling")], "max_tokens"),
    "mean_sqrt_len": ([("Pooling", "1_Pooling")], "mean_sqrt_len_tokens"),
    "cls_mean_max": ([("Pooling", "1_Pooling"), ("Normalize", "2_Normalize")], ["cls_token", "mean_tokens", "max_tokens"]),
    "dense_tanh": ([("Pooling", "1_Pooling"), ("Dense", "2_Dense"), ("Normalize", "3_Normalize")], "mean_tokens"),
}


def make_bge() -> None:
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer, BertConfig, BertModel

    folder = OUT / "bge_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = train_wordpiece(500, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], "[CLS]", "[SEP]", "[SEP]")
    save_tokenizer(t, folder, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                   mask_token="[MASK]", model_max_length=512)
    cfg = BertConfig(
        vocab_size=t.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=64, type_vocab_size=2, hidden_act="gelu",
        layer_norm_eps=1e-12, pad_token_id=0,
    )
    torch.manual_seed(0)
    model = BertModel(cfg, add_pooling_layer=False).eval()
    randomize_(model, seed=13, std=0.3)
    model.save_pretrained(folder, safe_serialization=True)
    sentence_transformers_folder(folder, STANDARD, pooling_config(32, "cls_token"), 24)
    st = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    auto = BertModel.from_pretrained(folder, attn_implementation="eager", add_pooling_layer=False).float().eval()
    tok = AutoTokenizer.from_pretrained(folder)
    write_reference(folder, st, auto, tok, TEXTS, 24, [16], hidden_only_real=False)

    # The variants: the same Transformer under other sentence-transformers module lists.
    from safetensors.torch import load_file

    ref = load_file(str(folder / "reference.safetensors"))
    base = ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "sentence_bert_config.json"]
    g = torch.Generator().manual_seed(14)
    for name, (modules, modes) in VARIANTS.items():
        vdir = folder / "variants" / name
        vdir.mkdir(parents=True)
        (vdir / "1_Pooling").mkdir()
        (vdir / "1_Pooling" / "config.json").write_text(json.dumps(pooling_config(32, modes), indent=2) + "\n")
        (vdir / "modules.json").write_text(json.dumps([
            {"idx": i, "name": str(i), "path": p, "type": f"sentence_transformers.models.{t}"}
            for i, (t, p) in enumerate([("Transformer", "")] + modules)], indent=2) + "\n")
        if any(t == "Dense" for t, _ in modules):
            (vdir / "2_Dense").mkdir()
            (vdir / "2_Dense" / "config.json").write_text(json.dumps({
                "in_features": 32, "out_features": 16, "bias": True,
                "activation_function": "torch.nn.modules.activation.Tanh"}, indent=2) + "\n")
            save_file({"linear.weight": (torch.randn((16, 32), generator=g) / 32 ** 0.5).contiguous(),
                       "linear.bias": (torch.randn(16, generator=g) * 0.1).contiguous()},
                      str(vdir / "2_Dense" / "model.safetensors"), metadata={"format": "pt"})
        # Assemble the whole folder in a scratch place, as the Rust test does, and run it.
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            whole = Path(tmp) / name
            shutil.copytree(vdir, whole)
            for f in base:
                if (folder / f).is_file():
                    shutil.copy(folder / f, whole / f)
            vst = SentenceTransformer(str(whole), device="cpu", model_kwargs={"attn_implementation": "eager"})
            ref[f"emb_variant_{name}"] = vst.encode(TEXTS, convert_to_tensor=True).float().cpu().contiguous()
    save_file(ref, str(folder / "reference.safetensors"))
    meta = json.loads((folder / "reference.json").read_text())
    meta["variants"] = list(VARIANTS)
    (folder / "reference.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")


MPNET_ID = "sentence-transformers/all-mpnet-base-v2"


def make_real_mpnet() -> None:
    from sentence_transformers import SentenceTransformer
    from make_fixtures import REAL_SENTENCES, hf_cache_dir

    folder = hf_cache_dir(MPNET_ID)
    if folder is None:
        print(f"{MPNET_ID} not installed (tools/models/fetch_mpnet.sh): mpnet_real.* not written", file=sys.stderr)
        return
    import hashlib

    st = SentenceTransformer(str(folder), device="cpu")
    emb = st.encode(REAL_SENTENCES, convert_to_tensor=True, normalize_embeddings=True)
    save_file({"embeddings": emb.float().cpu().contiguous()}, str(OUT / "mpnet_real.safetensors"))
    sha = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    (OUT / "mpnet_real.json").write_text(json.dumps({
        "model": MPNET_ID, "sentences": REAL_SENTENCES, "normalize_embeddings": True,
        "model_safetensors_sha256": sha,
    }, indent=1) + "\n")


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["real-mpnet"], default=None,
                    help="regenerate one part only (real-mpnet: mpnet_real.*)")
    args = ap.parse_args()
    torch.set_num_threads(2)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only == "real-mpnet":
        make_real_mpnet()
        return 0
    make_xlmr()
    make_mpnet()
    make_bge()
    make_real_mpnet()
    for d in ["xlmr_tiny", "mpnet_tiny", "bge_tiny"]:
        total = sum(p.stat().st_size for p in (OUT / d).rglob("*") if p.is_file())
        print(f"{d}: {total / 1e3:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
