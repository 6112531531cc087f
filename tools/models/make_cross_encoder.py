#!/usr/bin/env python3
"""Build the committed cross-encoder (reranker) fixtures under tests/fixtures/models/.

Input: the tiny BERT fixture's tokenizer (tests/fixtures/models/bert_tiny, the real MiniLM
WordPiece vocabulary). Output: two random-weight BertForSequenceClassification folders, as
`save_pretrained` writes them, and what sentence-transformers' CrossEncoder and transformers
answer on them (reference.json). The Rust tests (native-rust/models/tests) and the compiler's
model tests read only this output; CI never runs the script.

    /work/venvs/ml/bin/python tools/models/make_cross_encoder.py

Writes:
  ce_tiny/   num_labels 1 (a reranker: CrossEncoder's default activation is Sigmoid), hidden 32,
             2 layers, max_position_embeddings 64, the tokenizer's model_max_length cut to 40
             so the long pairs exercise transformers' longest_first truncation
  ce_tiny3/  the same with num_labels 3 (an NLI-style classifier: the default activation is
             Identity, apply_softmax gives probabilities)
  ce_xlmr_tiny/
             XLMRobertaForSequenceClassification (RoBERTa's classification head on the first token) over
             the encoders' tiny XLM-RoBERTa vocabulary (xlmr_tiny), num_labels 1
             (`--only xlmr` regenerates just this; `--only bert` the two BERT ones)
  ce_tiny/search_reference.json
             tests/models/search_tiny.py (embed with bert_tiny, cosine top-k, rerank with ce_tiny) run by
             sentence-transformers itself, in a temporary Hugging Face cache naming the fixtures
             (`--only search` regenerates just this)
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch
from safetensors.torch import load_file, save_file

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "models"
TOKENIZER = OUT / "bert_tiny"
MAX_LEN = 40

QUERY = "Which planet is known as the Red Planet?"
DOCUMENTS = [
    "Mars is often called the Red Planet because of its reddish appearance.",
    "Venus is the hottest planet in the solar system.",
    "",
    "Jupiter is the largest planet; it has a great red spot. " * 4,
    "Héllo wörld — naïve café 😀 日本語のテキスト",
    "The Red Planet",
]
PAIRS = [[QUERY, d] for d in DOCUMENTS] + [
    ["a", "b"],
    ["A long query that goes on and on about planets and moons and stars. " * 3, "short"],
]


def randomize_(model: torch.nn.Module, seed: int, std: float) -> None:
    """Every parameter random (LayerNorm gammas around 1), then rounded to f16 values."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=g) * std)
            if "LayerNorm" in name and name.endswith("weight"):
                p.add_(1.0)
            p.copy_(p.half().float())


def make(name: str, num_labels: int, seed: int, arch: str = "bert") -> None:
    from sentence_transformers import CrossEncoder
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, BertConfig, BertForSequenceClassification,
                              XLMRobertaConfig, XLMRobertaForSequenceClassification)

    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # BERT over the real MiniLM WordPiece vocabulary; XLM-RoBERTa over the encoders' tiny Unigram one (xlmr_tiny).
    source = TOKENIZER if arch == "bert" else OUT / "xlmr_tiny"
    for f in ["tokenizer.json", "special_tokens_map.json"]:
        if (source / f).exists():
            shutil.copy(source / f, folder / f)
    tok_cfg = json.loads((source / "tokenizer_config.json").read_text())
    tok_cfg["model_max_length"] = MAX_LEN
    (folder / "tokenizer_config.json").write_text(json.dumps(tok_cfg) + "\n")
    if arch == "bert":
        cfg = BertConfig(
            vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
            intermediate_size=64, max_position_embeddings=64, type_vocab_size=2, hidden_act="gelu",
            layer_norm_eps=1e-12, num_labels=num_labels,
        )
        cls = BertForSequenceClassification
    else:
        cfg = XLMRobertaConfig(
            vocab_size=207, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
            max_position_embeddings=130, type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2,
            hidden_act="gelu", layer_norm_eps=1e-5, num_labels=num_labels,
        )
        cls = XLMRobertaForSequenceClassification
    torch.manual_seed(0)
    model = cls(cfg).eval()
    randomize_(model, seed=seed, std=0.3)
    model.save_pretrained(folder, safe_serialization=True)
    # The weights as f16 (half the bytes); the f32 model above holds exactly these values.
    sd = load_file(str(folder / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in sd.items()}, str(folder / "model.safetensors"), metadata={"format": "pt"})

    ce = CrossEncoder(str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"})
    tok = AutoTokenizer.from_pretrained(folder)
    auto = AutoModelForSequenceClassification.from_pretrained(folder, attn_implementation="eager").float().eval()
    queries = [p[0] for p in PAIRS]
    docs = [p[1] for p in PAIRS]
    enc = tok(queries, docs, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        logits = auto(**enc).logits
    ref = {
        "num_labels": num_labels,
        "max_length": MAX_LEN,
        "pairs": PAIRS,
        "query": QUERY,
        "documents": DOCUMENTS,
        "input_ids": enc["input_ids"].tolist(),
        "token_type_ids": enc["token_type_ids"].tolist() if "token_type_ids" in enc else None,
        "attention_mask": enc["attention_mask"].tolist(),
        "logits": logits.tolist(),
        "predict_default": ce.predict(PAIRS).tolist(),
        "predict_identity": ce.predict(PAIRS, activation_fn=torch.nn.Identity()).tolist(),
        "predict_softmax": ce.predict(PAIRS, apply_softmax=True).tolist(),
        "versions": {
            "torch": torch.__version__,
            "transformers": __import__("transformers").__version__,
            "sentence_transformers": __import__("sentence_transformers").__version__,
            "tokenizers": __import__("tokenizers").__version__,
        },
    }
    if num_labels == 1:
        ref["rank"] = ce.rank(QUERY, DOCUMENTS)
        ref["rank_top3_docs"] = ce.rank(QUERY, DOCUMENTS, top_k=3, return_documents=True)
    (folder / "reference.json").write_text(json.dumps(ref, ensure_ascii=False, indent=1) + "\n")
    print(f"{folder}: {sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.2f} MB")


SEARCH_QUERY = "Which planet is known as the Red Planet?"
SEARCH_CORPUS = [
    "Mars is often called the Red Planet because of its reddish appearance.",
    "Venus is the hottest planet in the solar system.",
    "The Red Planet",
    "Jupiter is the largest planet; it has a great red spot.",
    "Saturn has rings made of ice and rock.",
    "Red wine goes well with dinner.",
    "Planets orbit the Sun.",
    "Mars has two small moons, Phobos and Deimos.",
]
SEARCH_CALLS = [
    {"query": SEARCH_QUERY, "corpus": SEARCH_CORPUS},
    {"query": SEARCH_QUERY, "corpus": SEARCH_CORPUS, "top_k": 6, "top_n": 3},
    {"query": "rings of ice", "corpus": SEARCH_CORPUS, "top_k": 8, "top_n": 8},
]


def make_search() -> None:
    """Runs the search function file unchanged, its model ids naming the fixtures in a temporary hub cache."""
    cache = Path(tempfile.mkdtemp(prefix="ingot-hf-"))
    for repo, folder in [("ingot-test/bert-tiny", "bert_tiny"), ("ingot-test/ce-tiny", "ce_tiny")]:
        d = cache / f"models--{repo.replace('/', '--')}"
        (d / "snapshots").mkdir(parents=True)
        (d / "refs").mkdir()
        (d / "snapshots" / "fixture").symlink_to(OUT / folder)
        (d / "refs" / "main").write_text("fixture")
    os.environ["HF_HUB_CACHE"] = str(cache)
    spec = importlib.util.spec_from_file_location("search_tiny", ROOT / "tests" / "models" / "search_tiny.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls = [{"args": args, "result": module.search(**args)} for args in SEARCH_CALLS]
    (OUT / "ce_tiny" / "search_reference.json").write_text(json.dumps({"calls": calls}, ensure_ascii=False, indent=1) + "\n")
    print(f"search reference: {len(calls)} calls")


def main() -> None:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if only in (None, "bert"):
        make("ce_tiny", 1, seed=11)
        make("ce_tiny3", 3, seed=12)
    if only in (None, "xlmr"):
        make("ce_xlmr_tiny", 1, seed=13, arch="xlmr")
    if only in (None, "search"):
        make_search()


if __name__ == "__main__":
    main()
