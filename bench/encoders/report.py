"""The encoder benchmark's table and chart.

Input: bench/results/encoders.json (bench/encoders/run.py). Output: bench/results/encoders.md (medians,
p10-p90, texts/s and Ingot's speed-ups over PyTorch and ONNX Runtime as ratios of medians) and
bench/results/encoders.png (texts/s per backend, per model and batch size). Needs matplotlib.
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RES = Path(__file__).resolve().parents[1] / "results"
# The run's name (run.py --name): which NAME.json to read and NAME.md / NAME.png to write.
NAME = sys.argv[1] if len(sys.argv) > 1 else "encoders"
d = json.loads((RES / f"{NAME}.json").read_text())
R = d["results"]
models = list(dict.fromkeys(r["model"] for r in R.values()))
backends = list(dict.fromkeys(r["backend"] for r in R.values()))
wls = list(d["workloads"])

lines = [
    "# Encoders: Ingot against sentence-transformers (PyTorch) and ONNX Runtime",
    "",
    f"`python3 bench/encoders/run.py --rounds {d['rounds']}` on {d['date']}: {d['threads']} threads per backend, "
    f"{d['machine']['cpu']} ({d['machine']['cores']} vCPUs, AVX-512: {d['machine']['avx512f']}), "
    f"load average {d['loadavg']['start'][0]:.1f} at the start and {d['loadavg']['end'][0]:.1f} at the end"
    + (
        " (other processes shared the machine: treat the ratios with care)."
        if max(d["loadavg"]["start"][0], d["loadavg"]["end"][0]) > d["machine"]["cores"]
        else " (a quiet machine)."
    ),
    "Per call: `b1` = one sentence of bench/models/sentences.txt (latency), `b32` = a mixed batch of 32 (those "
    "sentences, every 16th replaced by a long text: 587 real tokens padded to 32 x 54), `b32long` = 32 long "
    "texts (each sentence joined with the next two: 1,489 real tokens in 32 x 66). "
    "Speed-up = the peer's median time / this row's median time (above 1: faster than the peer).",
    "",
    "| model | backend | workload | median ms | p10–p90 ms | texts/s | × vs torch | × vs ONNX RT | × vs ONNX RT int8 | max abs vs torch | min cos vs torch | peak RSS MiB |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
]
def ratio(x):
    """A speed-up, or nothing when that peer did not run (ONNX Runtime runs BERT models only)."""
    return "" if x is None else f"{x:.2f}"


for m in models:
    for wl in wls:
        for b in backends:
            r = R.get(f"{m}/{b}/{wl}")
            if not r:
                continue
            ma = r["max_abs_vs_torch"]
            mc = r.get("min_cos_vs_torch")
            x8 = r.get("speedup_vs_onnx_int8")
            lines.append(
                f"| {m} | {b} | {wl} | {r['median_s'] * 1000:.1f} | {r['p10_s'] * 1000:.1f}–{r['p90_s'] * 1000:.1f} | "
                f"{r['texts_per_s']:.1f} | {ratio(r['speedup_vs_torch'])} | {ratio(r['speedup_vs_onnx'])} | {ratio(x8)} | "
                f"{'' if ma is None else f'{ma:.1e}'} | {'' if mc is None else f'{mc:.4f}'} | "
                f"{'' if not r['peak_rss'] else round(r['peak_rss'] / 2**20)} |"
            )
lines += ["", f"![texts/s]({NAME}.png)", "", "## Kernels", ""]
for k, v in d["kernels"].items():
    lines.append(f"- `{k}`: `{json.dumps(v)}`")
lines += [
    "- Ingot: its own kernels on candle 0.11's tensors: linear layers on weights packed at load into 32-column "
    "panels (AVX-512F 12x32 microkernel, `ingot_models::sgemm`; the int8 build uses AVX-512 VNNI `vpdpbusd`, "
    "`ingot_models::int8`), attention per sequence and head in AVX-512 (`kernels::head512`), fused norms; features "
    "detected at run time, never AMX. `perf record` of the Node package at b32long on a Zen 5 EPYC (2026-12-07): "
    "sgemm 80%, attention 6%, the rest norms, pooling and the pool's spin. `RAYON_NUM_THREADS=2`. Padding is skipped: "
    "a batch's real tokens run "
    "packed, attention per sequence.",
    "",
]
lines += [
    "## Reading it",
    "",
    "- `peak RSS` is the measuring process's VmHWM, model loading included. For `ingot-serve` that is the HTTP "
    "client; the server's own RSS under load is in soak.md.",
    "- Load average above the core count means other processes shared the machine. PyTorch's OpenMP threads "
    "suffer most from that (see torch's p10–p90), so the ratios against torch then overstate Ingot's lead; "
    "ONNX Runtime's pool degrades less, and the ratios against it are the safer figure. Quote only a run on a "
    "quiet machine outside the team.",
    "- e5 runs the real architecture with weights dequantized from 4 bits (tools/models/fetch_e5_small.sh): "
    "the same computation as the hub's checkpoint, so speed is comparable; its vectors are not the hub's.",
]
lines += [f"- {n}" for n in d.get("notes", [])]
(RES / f"{NAME}.md").write_text("\n".join(lines) + "\n")

fig, axes = plt.subplots(1, len(models) * len(wls), figsize=(4 * len(models) * len(wls), 4))
for i, (m, wl) in enumerate([(m, wl) for m in models for wl in wls]):
    ax = axes[i] if len(models) * len(wls) > 1 else axes
    bs = [b for b in backends if f"{m}/{b}/{wl}" in R]
    vals = [R[f"{m}/{b}/{wl}"]["texts_per_s"] for b in bs]
    ax.bar(bs, vals, color=["#888" if not b.startswith("ingot") else "#2a7" for b in bs])
    ax.set_title(f"{m}, {wl}")
    ax.set_ylabel("texts/s")
    ax.tick_params(axis="x", rotation=45)
fig.tight_layout()
fig.savefig(RES / f"{NAME}.png", dpi=90)
print(f"wrote {RES / f'{NAME}.md'} and {RES / f'{NAME}.png'}")
