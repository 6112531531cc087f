"""Sentence-embedding pooling with numpy: masked mean pooling, max pooling, CLS, batching."""
import numpy as np


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [1, 2, 2], "data": [1, 1, 1, 1]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [1, 2], "data": [0, 0]}}}
def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[:, :, None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    counts = np.clip(m.sum(axis=1), 1e-9, None)
    return summed / counts


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def max_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    filled = np.where(mask[:, :, np.newaxis] > 0, hidden, -1e9)
    return filled.max(axis=1)


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}}
def cls_and_last(hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return hidden[:, 0], hidden[:, -1, ::-1]


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def pooled_normalized(hidden: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    e = mean_pool(hidden, mask)
    e = e / np.linalg.norm(e, axis=-1, keepdims=True)
    batch = np.concatenate([e, e[::-1]], axis=0)
    return batch.T, (len(batch), batch.ndim)


# case: {"lengths": [3, 1, 2], "width": 4}
# case: {"lengths": [], "width": 2}
def attention_mask(lengths: list[int], width: int) -> np.ndarray:
    pos = np.arange(width)[None, :]
    lens = np.array(lengths).reshape(-1, 1)
    return (pos < lens).astype(np.int64)


# case: {"a": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1, 2, 3, 4]}}, "i": 1}
# case: {"a": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1, 2, 3, 4]}}, "i": 5}
def row_stats(a: np.ndarray, i: int) -> tuple[float, float, list[int]]:
    row = a[i]
    return float(row.sum()), float(np.mean(a)), list(a.shape)


# case: {"a": {"ndarray": {"dtype": "float64", "shape": [3, 2], "data": [0.1, 0.2, 0.9, 0.05, 0.3, 0.3]}}, "threshold": 0.5}
# case: {"a": {"ndarray": {"dtype": "int64", "shape": [2, 2], "data": [1, 0, 0, 0]}}, "threshold": 0.5}
def rows_over(a: np.ndarray, threshold: float) -> list[float]:
    out: list[float] = []
    for row in a:
        if np.max(row) > threshold:
            out.append(float(row.sum()))
    return out
