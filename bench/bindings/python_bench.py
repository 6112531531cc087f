"""The Python side of the bindings benchmark: calls the generated packages (dist/bench-bindings/<module>/python/src).

    python3 python_bench.py CASE SAMPLES BATCH PACKAGE_SRC

Each sample times BATCH calls and records ns per call, after a few unrecorded warm-up batches.
Prints one JSON line: {"case", "samples": [ns per call, ...]}.
Cases: fma (the typed wrapper over uniffi), matrix (a 32x384 float32 result, packed f32 bytes -> numpy array),
minilm (embed(32 sentences)), minilmClient (Client().embeddings.create, encoding_format base64).
"""
import json
import os
import sys
import time

case, samples, batch, src = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, src)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "models", "sentences.txt"), encoding="utf-8") as f:
    texts = [line for line in f.read().split("\n") if line][:32]

if case == "fma":
    from fma import fma

    def call(i):
        fma(i * 0.5, 1.25, 2.0)
elif case == "matrix":
    from matrix import matrix

    def call(i):
        matrix()
elif case == "minilm":
    from minilm import embed

    def call(i):
        embed(texts)
elif case == "minilmClient":
    from minilm import Client

    def call(i):
        Client().embeddings.create(model="minilm", input=texts, encoding_format="base64")
else:
    raise SystemExit(f"unknown case {case}")

for _ in range(2 if batch == 1 else 3):
    for i in range(batch):
        call(i)
out = []
for _ in range(samples):
    t0 = time.perf_counter_ns()
    for i in range(batch):
        call(i)
    out.append(round((time.perf_counter_ns() - t0) / batch, 1))
print(json.dumps({"case": case, "samples": out}))
