"""Retrieval and normalisation written with numpy, as people write it."""
import numpy as np


# case: {"a": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}}, "b": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [1, 0, 0, 0, 1, 1]}}}
def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a_norm = a / np.linalg.norm(a, axis=1, keepdims=True)
    b_norm = b / np.linalg.norm(b, axis=1, keepdims=True)
    return a_norm @ b_norm.T


# case: {"query": {"ndarray": {"dtype": "float64", "shape": [3], "data": [1, 0, 1]}}, "docs": {"ndarray": {"dtype": "float64", "shape": [3, 3], "data": [1, 0, 0, 0, 1, 0, 1, 0, 1]}}}
def rank(query: np.ndarray, docs: np.ndarray, k: int = 2) -> list[int]:
    scores = docs @ query
    order = np.argsort(-scores)
    return [int(i) for i in order[:k]]


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [3, 2], "data": [1, 10, 2, 20, 3, 30]}}}
def standardize(x: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=0)
    std = x.std(axis=0) + 1e-8
    return (x - mean) / std


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 2, 2], "data": [1, 2, 3, 4, 5, 6, 7, 8]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 2], "data": [1, 0, 1, 1]}}}
def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[:, :, None].astype(np.float32)
    return (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)


# case: {"probs": {"ndarray": {"dtype": "float64", "shape": [3], "data": [0.2, 0.7, 0.5]}}, "labels": ["a", "b", "c"]}
def threshold_labels(probs: np.ndarray, labels: list[str], t: float = 0.5) -> list[str]:
    out = []
    for i in range(len(labels)):
        if probs[i] > t:
            out.append(labels[i])
    return out
