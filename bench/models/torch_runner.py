#!/usr/bin/env python3
"""sentence-transformers on PyTorch (CPU) with the same protocol as examples/bench_minilm.rs.
Prints one JSON line. Run in a fresh process per measurement (cold start is part of it)."""
import time

T0 = time.perf_counter()
import argparse
import json
import os
import resource

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ap = argparse.ArgumentParser()
ap.add_argument("--model", default="sentence-transformers/all-MiniLM-L6-v2")
ap.add_argument("--batch", type=int, default=1)
ap.add_argument("--iters", type=int, default=20)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--sentences")
ap.add_argument("--threads", type=int, default=2)
a = ap.parse_args()

import torch
from sentence_transformers import SentenceTransformer

torch.set_num_threads(a.threads)
sentences = [l for l in open(a.sentences).read().splitlines() if l] if a.sentences else ["A man is eating a piece of bread."]
model = SentenceTransformer(a.model, device="cpu")
load_ms = (time.perf_counter() - T0) * 1e3


def pick(i):
    return [sentences[(i * a.batch + j) % len(sentences)] for j in range(a.batch)]


with torch.inference_mode():
    model.encode(pick(0), batch_size=a.batch, normalize_embeddings=True, convert_to_numpy=True)
    first_ms = (time.perf_counter() - T0) * 1e3
    print("FIRST", flush=True)  # the harness timestamps this line
    for i in range(a.warmup):
        model.encode(pick(i + 1), batch_size=a.batch, normalize_embeddings=True)
    lat = []
    start = time.perf_counter()
    for i in range(a.iters):
        b = pick(i + a.warmup + 1)
        t = time.perf_counter()
        model.encode(b, batch_size=a.batch, normalize_embeddings=True)
        lat.append((time.perf_counter() - t) * 1e3)
    total = time.perf_counter() - start

print(json.dumps({
    "impl": f"sentence-transformers {__import__('sentence_transformers').__version__} / torch {torch.__version__}",
    "batch": a.batch, "iters": a.iters, "load_ms": load_ms, "first_embedding_ms": first_ms,
    "latencies_ms": lat, "throughput_per_s": a.batch * a.iters / total,
    "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
    "torch_threads": torch.get_num_threads(),
}))
