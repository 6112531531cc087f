"""Records PyTorch's outcomes for the registry's torch-only reference tests.

CI has no torch, so tests whose semantics differ from numpy (F.normalize's eps, int / int
being float32, torch's errors) carry outcomes recorded here once, in
packages/compiler/src/registry/ops/torch.recorded.ts. Run from the repo root after
`npm run build`, with torch installed (a venv is enough):

    python3 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install numpy torch
    /tmp/torchvenv/bin/python tools/tensor/record_torch.py

Arguments arrive as value JSON; ndarray values become torch tensors. Results are encoded
as tools/reference/pyrun.py encodes numpy values: a tensor as {"ndarray": {dtype, shape,
data}} (dtype without the "torch." prefix), a 0-d tensor as its scalar.
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages", "compiler", "src", "registry", "ops", "torch.recorded.ts")


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1 and "float" in v:
            return float(v["float"])
        if len(v) == 1 and "ndarray" in v:
            a = v["ndarray"]
            if a["dtype"] == "bfloat16":  # numpy has no bfloat16
                return torch.tensor(a["data"], dtype=torch.bfloat16).reshape(a["shape"])
            return torch.from_numpy(np.array(a["data"], dtype=a["dtype"]).reshape(a["shape"]))
        return {k: decode(x) for k, x in v.items()}
    return v


def encode(v):
    if isinstance(v, torch.Tensor):
        if v.dim() == 0:
            return encode(v.item())
        return {"ndarray": {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape), "data": [encode(x) for x in v.reshape(-1).tolist()]}}
    if isinstance(v, np.ndarray):
        return encode(torch.from_numpy(v))
    if isinstance(v, float):
        if math.isnan(v):
            return {"float": "nan"}
        if math.isinf(v):
            return {"float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, (list, tuple, torch.Size)):
        return [encode(x) for x in v]
    return v


def run(case):
    src = "\n".join(["import math", "import numpy as np", *case["imports"], "", f"def f({', '.join(case['params'])}):"])
    src += "\n" + "\n".join("    " + line for line in case["body"].split("\n")) + "\n"
    scope = {}
    exec(compile(src, case["key"], "exec"), scope)
    out = []
    for sample in case["samples"]:
        try:
            out.append({"ok": encode(scope["f"](*[decode(x) for x in sample]))})
        except Exception as e:  # noqa: BLE001 - every error is an outcome
            out.append({"error": {"type": type(e).__name__, "message": str(e)}})
    return out


def main():
    cases = json.loads(subprocess.run(["node", os.path.join(ROOT, "tools", "tensor", "torch_cases.cjs")], check=True, capture_output=True, text=True).stdout)
    recorded = {c["key"]: run(c) for c in cases}
    with open(OUT, "w") as f:
        f.write("/**\n * Expected outcomes of the torch-only reference tests, recorded from PyTorch by\n")
        f.write(f" * `tools/tensor/record_torch.py` (torch {torch.__version__.split('+')[0]}; CI has no torch). Generated; do not edit.\n")
        f.write(" * Keyed by `recordKey(test)` in torch.ts; each value holds one outcome per sample.\n */\n")
        # Python's shortest repr of a double can end in a tie digit that ESLint's precision check rounds the
        # other way (2.7838821411132812); JavaScript reads every such literal back to the same double.
        f.write("/* eslint-disable no-loss-of-precision -- Python's shortest float reprs; each reads back exactly */\n")
        f.write("export const RECORDED: Record<string, unknown[]> = {\n")
        for key in sorted(recorded):
            f.write(f"  {json.dumps(key)}: {json.dumps(recorded[key])},\n")
        f.write("};\n")
    print(f"recorded {len(recorded)} tests into {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
