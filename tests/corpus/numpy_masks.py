"""Boolean masks and padded batches with numpy: calibration bins, score windows, thresholded
detections and right-padded id matrices filled row by row from lists."""
import json
from typing import Any, Dict, List

import numpy as np


# case: {"conf": [0.95, 0.7, 0.35, 0.62, 0.51, 0.05], "hit": [true, false, false, true, true, false], "bins": 4}
# case: {"conf": [0.5], "hit": [true], "bins": 2}
def calibration_gap(conf: List[float], hit: List[bool], bins: int) -> float:
    c = np.asarray(conf)
    h = np.asarray(hit, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    gap = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (c > lo) & (c <= hi)
        if m.any():
            gap += abs(h[m].mean() - c[m].mean()) * m.mean()
    return round(float(gap), 6)


# case: {"scores": [0.1, 0.5, 0.9, 0.4, 0.95], "lo": 0.3, "hi": 0.92}
def outside_band(scores: List[float], lo: float, hi: float) -> Dict[str, Any]:
    s = np.array(scores)
    out = (s < lo) | (s > hi)
    inside = ~out
    flip = (s > 0.45) ^ inside
    return {"out": np.flatnonzero(out).tolist(), "inside": int(inside.sum()), "flip": flip.tolist()}


# case: {"flags": [5, 3, 12], "mask": 6}
def bit_flags(flags: List[int], mask: int) -> List[List[int]]:
    f = np.array(flags, dtype=np.int64)
    return [(f & mask).tolist(), (f | 1).tolist(), (f ^ mask).tolist()]


# case: {"seqs": [[3, 4, 5], [6], []], "pad": 0}
# case: {"seqs": [[1, 2], [3, 4, 5, 6]], "pad": -1}
def pad_right(seqs: List[List[int]], pad: int) -> Dict[str, List[List[int]]]:
    width = max(len(s) for s in seqs)
    ids = np.full((len(seqs), width), pad, dtype=np.int64)
    mask = np.zeros((len(seqs), width), dtype=np.int64)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = [1] * len(s)
    return {"ids": ids.tolist(), "mask": mask.tolist()}


# case: {"rows": [[0.5, 1.5], [2.0, -1.0]]}
def place_block(rows: List[List[float]]) -> List[List[float]]:
    grid = np.zeros((3, 3))
    grid[1:, 1:] = rows
    grid[0, :2] = rows[0]
    return grid.tolist()


# case: {"payload": "{\"name\": \"search\", \"arguments\": \"{\\\"q\\\": \\\"cats\\\", \\\"k\\\": 3}\"}"}
# case: {"payload": "{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}"}
# case: {"payload": "{\"name\": \"noop\"}"}
# case: {"payload": "{\"name\": \"bad\", \"arguments\": 5}"}
def tool_arguments(payload: str) -> str:
    call = json.loads(payload)
    args = call.get("arguments", {})
    if isinstance(args, str):
        args = json.loads(args)
    elif not isinstance(args, dict):
        args = json.loads(args)
    return call["name"] + " " + json.dumps(args, sort_keys=True)
