"""Draws the memory soak's RSS curve and writes its table.

Input: bench/results/soak.json (bench/soak/run.mjs). Output: bench/results/soak.png (RSS and
peak RSS over time, with the requests served) and bench/results/soak.md (the summary table).
Needs matplotlib (the /work/venvs/ml environment has it).

    python bench/soak/chart.py [bench/results/soak.json]
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

src = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "results" / "soak.json")
d = json.loads(src.read_text())
s = d["samples"]
t = [x["t_s"] / 60 for x in s]
mib = lambda b: b / 2**20  # noqa: E731

fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(t, [mib(x["rss"]) for x in s], label="RSS (VmRSS)")
ax.plot(t, [mib(x["hwm"]) for x in s], label="peak RSS (VmHWM)", linestyle="--")
ax.set_xlabel("minutes")
ax.set_ylabel("MiB")
ax.set_ylim(bottom=0)
ax2 = ax.twinx()
ax2.plot(t, [x["requests"] for x in s], color="grey", alpha=0.4, label="requests served")
ax2.set_ylabel("requests served")
ax.set_title(f"ingot serve {d['model'].split('=')[0]}: {d['minutes']} min at concurrency {d['concurrency']}")
h1, l1 = ax.get_legend_handles_labels()
h2, l2 = ax2.get_legend_handles_labels()
ax.legend(h1 + h2, l1 + l2, loc="lower right")
fig.tight_layout()
fig.savefig(src.with_suffix(".png"), dpi=100)

r = d["rss_mib"]
md = f"""# Memory soak: `ingot serve` under a {d['minutes']}-minute bounded loopback load

`node bench/soak/run.mjs` (or `npm run bench -- soak`), then `python bench/soak/chart.py`.
Model `{d['model']}`, {d['concurrency']} concurrent keep-alive clients, request mix (share, value):
inputs per request {d['mix']['inputs_per_request']}, sentences per input {d['mix']['sentences_per_input']},
{d['mix']['encoding_format']}.

| | MiB |
|---|---|
| peak RSS (VmHWM, whole run) | {d['peak_rss_mib']} |
| RSS after start-up, before load | {r['start']} |
| RSS at 1 min | {r['at_1min']} |
| RSS at 5 min | {r['at_5min']} |
| RSS at the end | {r['end']} |
| growth from 5 min to the end | {d['growth_5min_to_end_mib']} |

{d['requests']} requests ({d['inputs']} inputs) in {d['seconds']:.0f} s, errors (non-200): {d['errors']},
latency p50 {d['latency_ms']['p50'] / 1000:.1f} s, p99 {d['latency_ms']['p99'] / 1000:.1f} s.
Mean load average during the run: {d['loadavg_mean']:.1f} on 2 cores. /metrics: {'scraped' if d['metrics_endpoint'] else 'not served by this build'}.

![RSS over time](soak.png)
"""
src.with_suffix(".md").write_text(md)
print(f"wrote {src.with_suffix('.png')} and {src.with_suffix('.md')}")
