"""Records sentence-transformers' `quantize_embeddings` on vectors chosen to catch every slip (bucket edges, values
outside [-1, 1], zeros, widths that are not a multiple of 8), with the fixed ranges [-1, 1] that Ingot's
`encoding_format` extension uses. Input: nothing. Output: packages/contract/test/quantize.recorded.json, which
packages/contract/test/quantize.test.ts replays against the contract's runtime and the Python client.
Run with a Python that has sentence-transformers (torch): /work/venvs/ml/bin/python tools/quantize/record.py
"""

import json
import os

import numpy as np
import sentence_transformers
from sentence_transformers.util.quantization import quantize_embeddings

rng = np.random.default_rng(15)
rows = []
# Unit vectors of a few widths, as a normalising model gives them.
for width in (1, 5, 8, 13, 384):
    for _ in range(4):
        v = rng.standard_normal(width).astype(np.float32)
        rows.append(v / np.linalg.norm(v))
# Components at and beside every bucket edge: start + k * step, in float32, and one float32 ulp either side.
step = np.float32(2) / np.float32(255)
edges = (np.float32(-1) + np.arange(256, dtype=np.float32) * step).astype(np.float32)
rows.append(edges)
rows.append(np.nextafter(edges, np.float32(2)).astype(np.float32))
rows.append(np.nextafter(edges, np.float32(-2)).astype(np.float32))
# Outside the range (a model that does not normalise), zeros and signed zeros.
rows.append(np.array([-3.5, -1.0, -0.0, 0.0, 1e-30, -1e-30, 1.0, 2.5, 100.0], dtype=np.float32))

cases = []
for v in rows:
    d = len(v)
    ranges = np.array([[-1.0] * d, [1.0] * d], dtype=np.float32)
    out = {}
    for precision in ("int8", "uint8", "binary", "ubinary"):
        q = quantize_embeddings(v[None, :], precision=precision, ranges=ranges)
        out[precision] = q[0].astype(int).tolist()
    # float32 values written as the exact decimal of the float32 (repr of the f64 it widens to).
    cases.append({"vector": [float(x) for x in v], **out})

here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, "..", "..", "packages", "contract", "test", "quantize.recorded.json")
with open(target, "w") as f:
    json.dump(
        {
            "about": "sentence-transformers quantize_embeddings(v, precision, ranges=[[-1]*d, [1]*d]) per vector; "
            "written by tools/quantize/record.py",
            "sentence_transformers": sentence_transformers.__version__,
            "numpy": np.__version__,
            "cases": cases,
        },
        f,
    )
    f.write("\n")
print("wrote", len(cases), "vectors to", os.path.normpath(target))
