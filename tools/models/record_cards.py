#!/usr/bin/env python3
"""Record what CPython answers for the `# case:` calls of a model-card test module (tests/models/cards_tiny.py),
with transformers and torch on the tiny fixture models, so tests/cards.test.ts can compare the compiled functions
with it where CI has no torch.

The module runs unchanged through tools/reference/pyrun.py (the CPython side of every differential test) in a
temporary Hugging Face cache whose repos `ingot-test/<name>` are links to tests/fixtures/models/<folder>, offline.
Writes <module>.recorded.json beside the fixtures: for each call its function, arguments and outcome ({"ok": value
JSON} or {"error": {"type", "message"}}).

    /work/venvs/ml/bin/python tools/models/record_cards.py [tests/models/cards_tiny.py]
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "models"

# The model ids the test modules use, and the fixture folder each names (the same table as tests/cards.test.ts).
REPOS = {
    "ingot-test/xlmr-tiny": "xlmr_tiny",
    "ingot-test/bge-tiny": "bge_tiny",
    "ingot-test/bert-tiny": "bert_tiny",
    "ingot-test/nomic-embed-tiny": "nomic_tiny",
    "ingot-test/qwen3-embedding-tiny": "qwen3_tiny",
    "ingot-test/gte-modernbert-tiny": "modernbert_tiny",
    "ingot-test/ce-tiny": "ce_tiny",
}


def fake_cache(root: Path) -> None:
    for repo_id, folder in REPOS.items():
        repo = root / f"models--{repo_id.replace('/', '--')}"
        (repo / "snapshots").mkdir(parents=True)
        (repo / "refs").mkdir()
        (repo / "snapshots" / "fixture").symlink_to(FIXTURES / folder)
        (repo / "refs" / "main").write_text("fixture")


def read_cases(file: Path) -> list[dict]:
    """`# case: {...}` comments directly above a `def`, as tests/harness/differential.ts reads them."""
    calls, pending = [], []
    for line in file.read_text().splitlines():
        m = re.match(r"^#\s*case:\s*(\{.*\})\s*$", line)
        if m:
            pending.append(json.loads(m.group(1)))
            continue
        d = re.match(r"^def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(", line)
        if d:
            calls += [{"file": str(file), "function": d.group(1), "args": a} for a in pending]
            pending = []
    return calls


def main() -> None:
    module = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "tests" / "models" / "cards_tiny.py").resolve()
    calls = read_cases(module)
    with tempfile.TemporaryDirectory() as cache:
        fake_cache(Path(cache))
        env = {**os.environ, "HF_HUB_CACHE": cache, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
        p = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "reference" / "pyrun.py")],
            input=json.dumps(calls), capture_output=True, text=True, env=env, check=True,
        )
    outcomes = json.loads(p.stdout)
    import torch
    import transformers

    out = {
        "module": str(module.relative_to(ROOT)),
        "recorded_with": {"torch": torch.__version__, "transformers": transformers.__version__},
        "calls": [
            {"function": c["function"], "args": c["args"], "outcome": o} for c, o in zip(calls, outcomes)
        ],
    }
    target = FIXTURES / f"{module.stem}.recorded.json"
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    for c in out["calls"]:
        o = c["outcome"]
        print(c["function"], "ok" if "ok" in o else f"{o['error']['type']}: {o['error']['message'][:100]}")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
