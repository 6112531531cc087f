#!/usr/bin/env python3
"""all-MiniLM-L6-v2: ingot-models (Rust, candle + our kernels) vs sentence-transformers on
PyTorch, both on 2 threads, at batch 1 and batch 32 on real sentences.

    tools/models/fetch_minilm.sh                       # weights into the HF cache
    cargo build --release -p ingot-models --example bench_minilm   (CARGO_TARGET_DIR=~/.cache/ingot/target)
    python bench/models/bench_minilm.py [--runs 5] [--iters 30] [--python PY_WITH_TORCH]

Each measurement is a fresh process (so cold start = spawn -> first embedding, timed here
when the child prints FIRST), then warm-up and timed iterations inside it. Rust and torch
runs alternate so machine noise hits both alike. Peak RSS comes from wait4() on the child.
Reports medians over runs and the ratio torch/rust (> 1 means Rust is better).
"""
from __future__ import annotations

import argparse
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
SENTENCES = HERE / "sentences.txt"


def run_child(cmd: list[str], env: dict) -> dict:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    cold_ms = None
    out_lines = []
    for line in p.stdout:
        if line.strip() == "FIRST" and cold_ms is None:
            cold_ms = (time.perf_counter() - t0) * 1e3
        else:
            out_lines.append(line)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read()
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}):\n{err[-2000:]}")
    data = json.loads([l for l in out_lines if l.startswith("{")][-1])
    data["cold_start_ms"] = cold_ms
    data["peak_rss_mb"] = ru.ru_maxrss / 1024.0
    return data


def torch_kernels(py: str) -> dict:
    code = (
        "import torch, json; cfg = torch.__config__.show();"
        "print(json.dumps({'torch': torch.__version__, 'cpu_capability': torch.backends.cpu.get_cpu_capability(),"
        "'mkldnn': torch.backends.mkldnn.is_available(), 'mkl': torch.backends.mkl.is_available(),"
        "'blas': [w.strip(',') for w in cfg.split() if w.startswith(('BLAS_INFO=', 'USE_MKLDNN=', 'USE_OPENMP='))],"
        "'onednn': torch.backends.mkldnn.is_available(), 'threads': torch.get_num_threads()}))"
    )
    return json.loads(subprocess.check_output([py, "-c", code], text=True).strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--iters", type=int, default=30)
    ap.add_argument("--batches", default="1,32")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--python", default=os.environ.get("INGOT_BENCH_PYTHON", str(Path.home() / ".cache/ingot/pyenv/bin/python")))
    ap.add_argument("--rust-bin", default=str(Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/ingot/target")) / "release/examples/bench_minilm"))
    ap.add_argument("--model", default="sentence-transformers/all-MiniLM-L6-v2")
    ap.add_argument("--out", default=str(HERE / "last_run.json"))
    a = ap.parse_args()

    env = dict(os.environ, RAYON_NUM_THREADS=str(a.threads), OMP_NUM_THREADS=str(a.threads),
               MKL_NUM_THREADS=str(a.threads), TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    results: dict[str, dict[str, list[dict]]] = {}
    for b in [int(x) for x in a.batches.split(",")]:
        common = ["--model", a.model, "--batch", str(b), "--iters", str(a.iters), "--sentences", str(SENTENCES), "--threads", str(a.threads)]
        results[str(b)] = {"rust": [], "torch": []}
        for r in range(a.runs):
            results[str(b)]["rust"].append(run_child([a.rust_bin, *common], env))
            results[str(b)]["torch"].append(run_child([a.python, str(HERE / "torch_runner.py"), *common], env))
            print(f"batch {b} run {r + 1}/{a.runs} done", file=sys.stderr)

    def summary(runs: list[dict]) -> dict:
        lat = [x for r in runs for x in r["latencies_ms"]]
        return {
            "throughput_per_s": st.median(r["throughput_per_s"] for r in runs),
            "p50_ms": st.median(lat),
            "p90_ms": sorted(lat)[int(0.9 * (len(lat) - 1))],
            "cold_start_ms": st.median(r["cold_start_ms"] for r in runs),
            "peak_rss_mb": st.median(r["peak_rss_mb"] for r in runs),
            # The least-disturbed run: closest to a quiet machine when others share it.
            "best_throughput_per_s": max(r["throughput_per_s"] for r in runs),
            "best_p50_ms": min(st.median(r["latencies_ms"]) for r in runs),
        }

    report = {
        "machine": {"cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
                    "cores": os.cpu_count(), "loadavg_at_end": os.getloadavg(), "platform": platform.platform()},
        "threads": a.threads,
        "kernels": {
            "rust": "gemm 0.19 with x86-v4: AVX-512 f32 microkernels (gemm_f32::microkernel::avx512f, seen in perf); "
                    "our fused attention/softmax/GELU/LayerNorm compiled for AVX-512 with runtime dispatch",
            "torch": torch_kernels(a.python),
        },
        "summary": {},
        "raw": results,
    }
    print(f"\n{'batch':>5} {'impl':>6} {'thr/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'cold ms':>8} {'RSS MB':>7} {'best thr/s':>10}")
    for b, by in results.items():
        s = {k: summary(v) for k, v in by.items()}
        s["ratio_torch_over_rust"] = {
            "throughput": s["rust"]["throughput_per_s"] / s["torch"]["throughput_per_s"],
            "p50": s["torch"]["p50_ms"] / s["rust"]["p50_ms"],
            "cold_start": s["torch"]["cold_start_ms"] / s["rust"]["cold_start_ms"],
            "peak_rss": s["torch"]["peak_rss_mb"] / s["rust"]["peak_rss_mb"],
            "best_throughput": s["rust"]["best_throughput_per_s"] / s["torch"]["best_throughput_per_s"],
        }
        report["summary"][b] = s
        for impl in ("rust", "torch"):
            x = s[impl]
            print(f"{b:>5} {impl:>6} {x['throughput_per_s']:>9.1f} {x['p50_ms']:>8.2f} {x['p90_ms']:>8.2f} {x['cold_start_ms']:>8.0f} {x['peak_rss_mb']:>7.0f} {x['best_throughput_per_s']:>10.1f}")
        r = s["ratio_torch_over_rust"]
        print(f"{b:>5} {'ratio':>6} {r['throughput']:>8.2f}x {r['p50']:>7.2f}x {'':>8} {r['cold_start']:>7.1f}x {r['peak_rss']:>6.1f}x {r['best_throughput']:>9.2f}x  (rust better when > 1)")
    print(f"\nload average at end: {report['machine']['loadavg_at_end']}")
    print(f"torch kernels: {report['kernels']['torch']}")
    Path(a.out).write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
