"""Attention-style scoring with np.einsum, norms of several orders for feature scaling and retrieval, and
calibration tables filled with np.divide(..., out=, where=)."""
import numpy as np


# case: {"q": [[1.0, 0.0, 2.0], [0.5, 1.5, -1.0]], "k": [[1.0, 1.0, 1.0], [0.0, 2.0, 0.0], [3.0, -1.0, 0.5]]}
# case: {"q": [[1.0, 2.0]], "k": [[3.0, 4.0]]}
def attention_weights(q: list[list[float]], k: list[list[float]]) -> list[list[float]]:
    qa = np.asarray(q, dtype=np.float32)
    ka = np.asarray(k, dtype=np.float32)
    scores = np.einsum("qd,kd->qk", qa, ka) / np.sqrt(qa.shape[-1])
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return np.round(w / w.sum(axis=-1, keepdims=True), 4).tolist()


# case: {"hidden": [[[1.5, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0, 1.0], [0.0, 2.0], [4.0, 4.5]]], "mask": [[1, 1, 0], [1, 0, 0]]}
# case: {"hidden": [[[1.5, 2.0]]], "mask": [[0]]}
def masked_mean(hidden: list[list[list[float]]], mask: list[list[int]]) -> list[list[float]]:
    h = np.array(hidden)
    m = np.array(mask)
    summed = np.einsum("bsh,bs->bh", h, m)
    counts = m.sum(axis=1, keepdims=True)
    return np.divide(summed, counts, out=np.zeros_like(summed), where=counts > 0).tolist()


# case: {"m": [[1.0, 2.0], [3.0, 4.0]]}
# case: {"m": [[2.0, 0.0, 1.0], [1.0, 1.0, 1.0], [0.0, 5.0, 2.0]]}
def matrix_summary(m: list[list[float]]) -> dict[str, float]:
    a = np.array(m)
    return {
        "trace": float(np.einsum("ii", a)),
        "sum": float(np.einsum("ij->", a)),
        "fro": float(np.linalg.norm(a, "fro")),
        "max_col": float(np.linalg.norm(a, 1)),
        "max_row": float(np.linalg.norm(a, np.inf)),
        "diag_sq": float(np.einsum("ii,ii->", a, a)),
    }


# case: {"vectors": [[3.5, -4.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]], "p": 1}
# case: {"vectors": [[3.5, -4.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]], "p": 3}
def scale_rows(vectors: list[list[float]], p: int) -> list[list[float]]:
    x = np.array(vectors)
    n = np.linalg.norm(x, ord=p, axis=1, keepdims=True)
    return np.round(np.divide(x, n, out=np.zeros_like(x), where=n > 0), 6).tolist()


# case: {"query": [1.0, 0.0, 0.0], "docs": [[0.0, 1.0, 0.0], [2.0, 0.0, 0.0], [0.5, 0.5, 0.5]], "metric": "l1"}
# case: {"query": [1.0, 0.0, 0.0], "docs": [[0.0, 1.0, 0.0], [2.0, 0.0, 0.0], [0.5, 0.5, 0.5]], "metric": "chebyshev"}
# case: {"query": [1.0, 0.0, 0.0], "docs": [[0.0, 1.0, 0.0]], "metric": "cosine"}
def rank_by_distance(query: list[float], docs: list[list[float]], metric: str) -> list[int]:
    d = np.array(docs) - np.array(query)
    if metric == "l1":
        dist = np.linalg.norm(d, ord=1, axis=-1)
    elif metric == "chebyshev":
        dist = np.linalg.norm(d, ord=np.inf, axis=-1)
    else:
        raise ValueError(f"unknown metric {metric!r}")
    return np.argsort(dist, kind="stable").tolist()


# case: {"scores": [0.05, 0.3, 0.35, 0.9, 0.95, 0.5], "labels": [0, 0, 1, 1, 1, 0], "n_bins": 4}
# case: {"scores": [0.1, 0.2], "labels": [1, 0], "n_bins": 3}
def reliability_table(scores: list[float], labels: list[int], n_bins: int) -> tuple[list[float], list[float], list[int]]:
    s = np.asarray(scores)
    y = np.asarray(labels, dtype=np.float64)
    bins = np.minimum((s * n_bins).astype(np.int64), n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    acc = np.full(n_bins, np.nan)
    np.divide(np.bincount(bins, weights=y, minlength=n_bins), counts, out=acc, where=counts > 0)
    conf = np.zeros(n_bins)
    conf = np.divide(np.bincount(bins, weights=s, minlength=n_bins), counts, out=conf, where=counts != 0)
    return [round(float(v), 4) if not np.isnan(v) else -1.0 for v in acc], np.round(conf, 4).tolist(), counts.tolist()


# case: {"a": [[1, 2], [3, 4]], "b": [[5, 6], [7, 8]]}
def outer_and_batched(a: list[list[int]], b: list[list[int]]) -> tuple[list[list[list[int]]], list[int]]:
    x = np.array(a)
    y = np.array(b)
    outer = np.einsum("bi,bj->bij", x, y)
    dots = np.einsum("...d,...d->...", x, y)
    return outer.tolist(), dots.tolist()
