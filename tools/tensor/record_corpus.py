#!/usr/bin/env python3
"""Records what CPython answers for the `# case:` calls of a differential corpus file that needs torch, so
tests/differential.test.ts can compare the compiled functions with it where CI has no torch.

The file runs unchanged through tools/reference/pyrun.py (the CPython side of every differential test), with the
venv's torch. Writes <name>.recorded.json beside the file: the torch version, and for each call its function,
arguments and outcome ({"ok": value JSON} or {"error": {"type", "message"}}).

    /work/venvs/ml/bin/python tools/tensor/record_corpus.py tests/corpus/torch_postprocess.py
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "models"))
from record_cards import read_cases  # noqa: E402 - the one reader of `# case:` comments on the Python side


def main() -> None:
    module = Path(sys.argv[1]).resolve()
    calls = read_cases(module)
    p = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "reference" / "pyrun.py")],
        input=json.dumps(calls), capture_output=True, text=True, check=True,
    )
    import torch

    out = {
        "module": str(module.relative_to(ROOT)),
        "recorded_with": {"torch": torch.__version__.split("+")[0]},
        "calls": [{"function": c["function"], "args": c["args"], "outcome": o} for c, o in zip(calls, json.loads(p.stdout))],
    }
    target = module.with_suffix(".recorded.json")
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    for c in out["calls"]:
        o = c["outcome"]
        print(c["function"], "ok" if "ok" in o else f"{o['error']['type']}: {o['error']['message'][:100]}")
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
