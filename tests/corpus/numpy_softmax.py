"""Classifier post-processing with numpy: softmax, log-softmax, top-k labels, thresholds."""
import numpy as np
from numpy.typing import NDArray

LABELS = ["negative", "neutral", "positive", "mixed"]


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [2, 4], "data": [1.0, 2.0, 3.0, 0.5, -1.0, 0.0, 10.0, 2.0]}}}
# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [1, 4], "data": [1000.0, 999.0, 998.0, 0.0]}}}
def softmax(logits: NDArray[np.float32]) -> np.ndarray:
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


# case: {"logits": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [0.5, 1.5, -2.0, 3.0, 3.5, 0.0]}}}
def log_softmax(logits: np.ndarray) -> np.ndarray:
    m = logits.max(axis=1, keepdims=True)
    return logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [4], "data": [0.1, 2.5, -1.0, 1.2]}}, "k": 2}
# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [4], "data": [3.0, 2.0, 1.0, 0.0]}}, "k": 3}
# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [4], "data": [3.0, 2.0, 1.0, 0.0]}}, "k": 0}
def top_k_labels(logits: NDArray[np.float32], k: int) -> list[tuple[str, float]]:
    probs = softmax(logits.reshape(1, -1))[0]
    order = np.argsort(-probs.reshape(-1))[:k]
    out = []
    for i in order.tolist():
        out.append((LABELS[i], round(float(probs[i]), 4)))
    return out


# case: {"scores": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [0.2, 0.9, 0.4, 0.7, 0.1, 0.95]}}, "threshold": 0.5}
# case: {"scores": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [0.2, 0.9, 0.4, 0.7, 0.1, 0.95]}}, "threshold": 0.99}
def multilabel(scores: np.ndarray, threshold: float) -> tuple[np.ndarray, int, float]:
    sig = 1.0 / (1.0 + np.exp(-scores))
    hits = np.where(sig > threshold, 1, 0)
    return hits, int(np.sum(hits)), float(np.mean(sig))


# case: {"logits": {"ndarray": {"dtype": "float64", "shape": [3, 2], "data": [2.0, 1.0, 0.0, 3.0, 1.0, 1.5]}}}
def argmax_rows(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.argmax(logits, axis=1), np.clip(logits, 0.5, 2.0)
