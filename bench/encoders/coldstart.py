#!/usr/bin/env python3
"""Cold start and memory of the encoder benchmark's backends: process start to the first embedding, and peak RSS.

Input: the same models and compiled packages as run.py (MODELS, dist/bench-encoders/MODULE/node). Output:
bench/results/coldstart.json and coldstart.md. Nothing is asserted.

    python3 bench/encoders/coldstart.py [--runs 5] [--models gemma,minilm] [--only torch,ingot-node,ingot-python]

Each run spawns a fresh worker process (worker.py, worker_node.cjs: the same code run.py times) with one short text;
the worker imports, loads the model and embeds that text, then says it is ready. The time from spawn to that line is
the cold start a user sees (interpreter start and imports included). The worker's VmHWM at that moment is its peak
RSS; the weights' size is given beside it, since the target is "weights + 150 MB". Backends alternate run by run, so
the machine's noise is shared, and the table gives the median and the range. Files come from the page cache (every
backend reads them once before timing), as on a machine that has loaded the model before; the Ingot packages' own
caches (the tokenizer's binary form, the verified-hash stamps) are warm for the same reason.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics as st
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DIST, MODELS, ROOT, command, machine  # noqa: E402


def weights_bytes(module: str) -> int:
    """The size of the compiled package's safetensors files: the model's weights."""
    res = DIST / module / "compiled" / "resources"
    return sum(p.stat().st_size for p in res.rglob("*.safetensors")) if res.is_dir() else 0


def one_run(cmd: list[str], text: str, threads: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               OPENBLAS_NUM_THREADS=str(threads), RAYON_NUM_THREADS=str(threads), HF_HUB_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    p.stdin.write(json.dumps({"texts": [text], "threads": threads}) + "\n")
    p.stdin.flush()
    while True:
        line = p.stdout.readline()
        if not line:
            raise RuntimeError(f"{cmd}: worker exited ({p.wait()})")
        if line.startswith("{"):
            break
    wall = time.perf_counter() - t0
    hwm = None
    for row in Path(f"/proc/{p.pid}/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            hwm = int(row.split()[1]) * 1024
    p.stdin.close()
    p.wait(timeout=60)
    return {"cold_s": wall, "peak_rss": hwm, "load_s": json.loads(line).get("load_s")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--models", default="gemma,minilm")
    ap.add_argument("--only", default="torch,ingot-node,ingot-python")
    a = ap.parse_args()
    sentences = [t for t in (ROOT / "bench" / "models" / "sentences.txt").read_text().split("\n") if t]
    short = min(sentences, key=len)
    out, notes = {}, []
    for mname in a.models.split(","):
        m = MODELS[mname]
        backends = []
        for b in a.only.split(","):
            if b.startswith("ingot-node") and not (DIST / m["module"] / "node" / "package.json").exists():
                notes.append(f"{mname}/{b}: skipped, dist/bench-encoders/{m['module']}/node is not built")
                continue
            backends.append(b)
        # One untimed run each warms the page cache and the packages' own caches.
        for b in backends:
            one_run(command(b, m), m["prefix"] + short, a.threads)
        runs = {b: [] for b in backends}
        for r in range(a.runs):
            for b in backends[r % len(backends):] + backends[: r % len(backends)]:
                time.sleep(1.0)
                runs[b].append(one_run(command(b, m), m["prefix"] + short, a.threads))
            print(f"coldstart: {mname}: run {r + 1}/{a.runs} (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
        w = weights_bytes(m["module"])
        for b, xs in runs.items():
            cold = [x["cold_s"] for x in xs]
            rss = [x["peak_rss"] for x in xs if x["peak_rss"]]
            out[f"{mname}/{b}"] = {
                "model": mname, "backend": b, "runs": len(xs), "cold_median_s": st.median(cold),
                "cold_min_s": min(cold), "cold_max_s": max(cold), "peak_rss_median": st.median(rss) if rss else None,
                "weights_bytes": w, "raw": xs,
            }
    res = {"bench": "encoders-coldstart", "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
           "machine": machine(), "threads": a.threads, "text": short, "results": out, "notes": notes}
    (ROOT / "bench" / "results" / "coldstart.json").write_text(json.dumps(res, indent=2) + "\n")
    mib = lambda x: "" if x is None else f"{x / 2**20:.0f}"  # noqa: E731
    lines = [
        "# Encoders: cold start and peak RSS",
        "",
        f"`python3 bench/encoders/coldstart.py --runs {a.runs}` on {res['date']}, {a.threads} threads, "
        f"{res['machine']['cpu']}, load average {res['machine']['loadavg_at_start'][0]:.1f} at the start (a shared "
        f"machine). Cold start = spawning the worker process to its first embedding of {short!r} (imports, model and "
        "tokenizer load, one call); peak RSS = the worker's VmHWM then; weights = the package's safetensors files.",
        "",
        "| model | backend | cold start median s | min–max s | peak RSS MiB | weights MiB | RSS − weights MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in out.values():
        over = None if r["peak_rss_median"] is None else r["peak_rss_median"] - r["weights_bytes"]
        lines.append(
            f"| {r['model']} | {r['backend']} | {r['cold_median_s']:.2f} | {r['cold_min_s']:.2f}–{r['cold_max_s']:.2f} | "
            f"{mib(r['peak_rss_median'])} | {mib(r['weights_bytes'])} | {mib(over)} |"
        )
    lines += ["", *[f"- {n}" for n in notes]]
    (ROOT / "bench" / "results" / "coldstart.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {ROOT / 'bench' / 'results' / 'coldstart.md'}")


if __name__ == "__main__":
    main()
