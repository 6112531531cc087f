"""Records what sentence-transformers and the HF tokenizer give with truncation on the left, the reference for the
runtime's per-call truncation side (`ingot_models::with_truncation_side`, the embeddings surface's
`truncation_direction`).

Input: the tiny BERT fixture (tests/fixtures/models/bert_tiny: real all-MiniLM-L6-v2 tokenizer, max_seq_length 24).
Output: tests/fixtures/models/truncation_side.json, read by native-rust/models/tests/truncation_side.rs: per side, the
batch's token ids and the SentenceTransformer's embeddings, for texts longer than the model takes and one that fits.
Run it with the ML venv: /work/venvs/ml/bin/python tools/truncation/record.py
"""

import json
import pathlib

import sentence_transformers
import tokenizers
import torch
from sentence_transformers import SentenceTransformer

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODEL = ROOT / "tests" / "fixtures" / "models" / "bert_tiny"
OUT = ROOT / "tests" / "fixtures" / "models" / "truncation_side.json"

TEXTS = [
    "Mars is the fourth planet from the Sun, and its red colour comes from iron oxide dust on the surface of "
    "its deserts, which storms lift into the thin atmosphere for weeks at a time.",
    "The first words of this sentence are the ones a right cut keeps, and the last words of it are the ones "
    "that a left cut keeps instead: which planet is red?",
    "A short text fits either way.",
]


def record(side):
    model = SentenceTransformer(str(MODEL), device="cpu")
    model.tokenizer.truncation_side = side
    features = model.tokenize(TEXTS)
    ids = [
        [int(t) for t, m in zip(row, mask) if m]
        for row, mask in zip(features["input_ids"].tolist(), features["attention_mask"].tolist())
    ]
    with torch.no_grad():
        emb = model.encode(TEXTS, convert_to_numpy=True, normalize_embeddings=False)
    return {"input_ids": ids, "embeddings": emb.astype("float64").tolist()}


def main():
    out = {
        "about": "Written by tools/truncation/record.py; do not edit.",
        "versions": {"sentence_transformers": sentence_transformers.__version__, "tokenizers": tokenizers.__version__},
        "model": "bert_tiny",
        "max_seq_length": SentenceTransformer(str(MODEL), device="cpu").max_seq_length,
        "texts": TEXTS,
        "left": record("left"),
        "right": record("right"),
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
