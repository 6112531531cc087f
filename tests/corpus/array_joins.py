"""Arrays joined with Python lists, as evaluation code pads curves: `np.concatenate([[0.0], recall, [1.0]])`
(VOC average precision), `np.stack` and `np.hstack` of an array beside a list."""
from typing import List

import numpy as np


# case: {"hits": [1, 0, 1, 1, 0], "n_gt": 4}
# case: {"hits": [0, 0], "n_gt": 1}
# case: {"hits": [1], "n_gt": 0}
def voc_ap(hits: List[int], n_gt: int) -> float:
    tp = np.cumsum(hits)
    fp = np.cumsum([1 - h for h in hits])
    recall = tp / max(n_gt, 1)
    precision = tp / np.maximum(tp + fp, 1e-9)
    mrec = np.concatenate([[0.0], recall, [1.0]])
    mpre = np.concatenate([[0.0], precision, [0.0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return round(float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1])), 6)


# case: {"xs": [0.5, 1.5, 2.5]}
def padded_rows(xs: List[float]) -> List[List[float]]:
    a = np.asarray(xs)
    rows = np.stack([a, [0.0] * len(xs), a * 2])
    return rows.tolist() + [np.hstack([rows[0], [9.5]]).tolist()]
