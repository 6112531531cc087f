"""Records torchvision's outcomes for the registry's `transforms.functional` reference tests.

CI has neither torch nor torchvision, so the torchvision tests of the PIL family carry
outcomes recorded here once, in packages/compiler/src/registry/ops/pil.recorded.ts. Run from
the repo root after `npm run build`, with torch, torchvision and Pillow importable. torchvision
0.29.2 is pure Python on this path, so its wheel unpacked beside an existing torch works:

    python3 -m pip download --no-deps -d /tmp/tv torchvision==0.29.2
    python3 -m zipfile -e /tmp/tv/torchvision-0.29.2-*.whl /tmp/tv/site
    PYTHONPATH=/tmp/tv/site /work/venvs/ml/bin/python tools/images/record_torchvision.py

Arguments arrive as value JSON (images as {"image": ...}, decoded to PIL images); results
are encoded as tools/reference/pyrun.py encodes them (a tensor as an ndarray value).
"""
import base64
import json
import math
import os
import subprocess
import sys

import PIL
import torch
import torchvision
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "packages", "compiler", "src", "registry", "ops", "pil.recorded.ts")


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1 and "float" in v:
            return float(v["float"])
        if len(v) == 1 and "image" in v:
            im = v["image"]
            return Image.frombytes(im["mode"], (im["width"], im["height"]), base64.b64decode(im["data"]))
        return {k: decode(x) for k, x in v.items()}
    return v


def encode(v):
    if isinstance(v, torch.Tensor):
        if v.dim() == 0:
            return encode(v.item())
        return {"ndarray": {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape), "data": [encode(x) for x in v.reshape(-1).tolist()]}}
    if isinstance(v, Image.Image):
        return {"image": {"width": v.width, "height": v.height, "mode": v.mode, "data": base64.b64encode(v.tobytes()).decode()}}
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
    cases = json.loads(subprocess.run(["node", os.path.join(ROOT, "tools", "images", "torchvision_cases.cjs")], check=True, capture_output=True, text=True).stdout)
    recorded = {c["key"]: run(c) for c in cases}
    versions = f"torchvision {torchvision.__version__.split('+')[0]}, torch {torch.__version__.split('+')[0]}, Pillow {PIL.__version__}"
    with open(OUT, "w") as f:
        f.write("/**\n * Expected outcomes of the torchvision reference tests of the PIL family, recorded by\n")
        f.write(f" * `tools/images/record_torchvision.py` ({versions}; CI has no torch). Generated; do not edit.\n")
        f.write(" * Keyed by `recordKey(test)`; each value holds one outcome per sample.\n */\n")
        f.write("export const RECORDED: Record<string, unknown[]> = {\n")
        for key in sorted(recorded):
            f.write(f"  {json.dumps(key)}: {json.dumps(recorded[key])},\n")
        f.write("};\n")
    print(f"recorded {len(recorded)} tests into {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
