"""Parity of a compiled embedding function with sentence-transformers on PyTorch, on real weights.

Input: a compiled module's generated Python package (`ingot bindings --lang python` builds its
wheel; install it into the same environment as torch) whose `embed(texts)` is `SentenceTransformer(ID).encode(texts,
normalize_embeddings=True)`, and the same model ID in the Hugging Face cache. Output: one JSON
line with the largest absolute difference and the smallest cosine between the two, over the 32
sentences of bench/models/sentences.txt, a few non-English texts and one input longer than the
model's limit (so truncation is compared as well). Exits 1 when the difference exceeds --tol.

    python tools/models/parity_st.py MODULE MODEL_ID [--tol 1e-4]
"""

import argparse
import importlib
import json
import sys
from pathlib import Path

import numpy as np
import torch
from sentence_transformers import SentenceTransformer

ROOT = Path(__file__).resolve().parents[2]
OTHER = [
    "query: Wo steht der Eiffelturm?",
    "passage: La tour Eiffel se trouve à Paris, sur le Champ-de-Mars.",
    "query: 東京タワーの高さは何メートルですか？",
    "passage: Московский метрополитен открылся в 1935 году.",
    "query: ¿Cuál es la capital de Argentina?",
    "passage: " + " ".join(["A long passage that goes on and on about nothing in particular."] * 80),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("model_id")
    ap.add_argument("--tol", type=float, default=1e-4)
    a = ap.parse_args()
    torch.set_num_threads(2)
    texts = [t for t in (ROOT / "bench" / "models" / "sentences.txt").read_text().split("\n") if t] + OTHER
    compiled = importlib.import_module(a.module)
    got = np.asarray(compiled.embed(texts), dtype=np.float32)
    want = SentenceTransformer(a.model_id, device="cpu").encode(texts, normalize_embeddings=True)
    # One at a time as well: batch padding must not change a text's vector.
    got1 = np.concatenate([np.asarray(compiled.embed([t]), dtype=np.float32) for t in texts[:8]])
    diff = float(np.abs(got - want).max())
    diff1 = float(np.abs(got1 - want[:8]).max())
    cos = float(np.min(np.sum(got * want, axis=1) / (np.linalg.norm(got, axis=1) * np.linalg.norm(want, axis=1))))
    out = {
        "model": a.model_id,
        "texts": len(texts),
        "shape": list(got.shape),
        "max_abs_batch": diff,
        "max_abs_single": diff1,
        "min_cosine": cos,
        "tol": a.tol,
        "ok": max(diff, diff1) <= a.tol,
    }
    print(json.dumps(out))
    sys.exit(0 if out["ok"] else 1)


if __name__ == "__main__":
    main()
