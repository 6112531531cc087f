"""Embedding search with numpy: L2 normalisation, cosine similarity matrices, top-k neighbours."""
import numpy as np
from numpy.typing import NDArray


def l2_normalize(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.clip(norms, 1e-12, None)


# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]}}, "b": {"ndarray": {"dtype": "float32", "shape": [3, 3], "data": [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.5, 0.5, 0.5]}}}
# case: {"a": {"ndarray": {"dtype": "float32", "shape": [1, 2], "data": [0.0, 0.0]}}, "b": {"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [3.0, 4.0, -1.0, 0.0]}}}
def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return l2_normalize(a) @ l2_normalize(b).T


# case: {"query": {"ndarray": {"dtype": "float32", "shape": [3], "data": [0.2, 0.9, 0.1]}}, "docs": {"ndarray": {"dtype": "float32", "shape": [4, 3], "data": [1.0, 0.0, 0.0, 0.1, 1.0, 0.0, 0.3, 0.3, 0.9, 0.2, 0.8, 0.3]}}, "k": 2}
# case: {"query": {"ndarray": {"dtype": "float32", "shape": [3], "data": [0.2, 0.9, 0.1]}}, "docs": {"ndarray": {"dtype": "float32", "shape": [4, 3], "data": [1.0, 0.0, 0.0, 0.1, 1.0, 0.0, 0.3, 0.3, 0.9, 0.2, 0.8, 0.3]}}, "k": 10}
def search(query: NDArray[np.float32], docs: NDArray[np.float32], k: int) -> list[int]:
    q = query / np.linalg.norm(query)
    d = docs / np.linalg.norm(docs, axis=1, keepdims=True)
    scores = (d @ q).reshape(-1)
    return np.argsort(-scores)[:k].tolist()


# case: {"emb": {"ndarray": {"dtype": "float32", "shape": [3, 2], "data": [1.0, 0.0, 0.8, 0.6, 0.0, 1.0]}}}
def pairwise_best(emb: NDArray[np.float32]) -> tuple[list[int], float]:
    sims = cosine_matrix(emb, emb)
    masked = np.where(sims > 0.9999, -1.0, sims)
    best = np.argmax(masked, axis=1).reshape(-1)
    return best.tolist(), float(np.max(masked))


# case: {"a": {"ndarray": {"dtype": "float64", "shape": [4], "data": [1.0, 2.0, 3.0, 4.0]}}, "dims": 2}
# case: {"a": {"ndarray": {"dtype": "float64", "shape": [4], "data": [3.0, 4.0, 0.0, 12.0]}}, "dims": 3}
def matryoshka(a: np.ndarray, dims: int) -> np.ndarray:
    cut = a[:dims]
    return cut / np.linalg.norm(cut)


# case: {"xs": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]}
def centroid_distances(xs: list[list[float]]) -> list[float]:
    pts = np.array(xs)
    c = np.mean(pts, axis=0)
    return np.linalg.norm(pts - c[None, :], axis=1).tolist()
