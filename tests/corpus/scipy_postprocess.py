"""scipy around a model's outputs: calibrated class probabilities with scipy.special, sequence scores in log
space, sigmoid heads, and nearest-neighbour search and deduplication with scipy.spatial.distance."""

import numpy as np
from scipy import special
from scipy.spatial import distance
from scipy.spatial.distance import cdist, pdist, squareform
from scipy.special import expit, log_softmax, logsumexp, softmax


# case: {"logits": [[2.0, 1.0, 0.1], [0.5, 0.5, 3.5]], "temperature": 1.0}
# case: {"logits": [[1.5, -1.5]], "temperature": 2.5}
# case: {"logits": [[1000.0, 1001.0]], "temperature": 0.5}
def calibrated_probs(logits: list[list[float]], temperature: float) -> list[list[float]]:
    scaled = np.asarray(logits) / temperature
    return np.round(softmax(scaled, axis=1), 6).tolist()


# case: {"scores": [0.2, 3.1, -1.0], "names": ["cat", "dog", "bird"], "k": 2}
# case: {"scores": [1.0, 1.0], "names": ["a", "b"], "k": 1}
def top_k_labels(scores: list[float], names: list[str], k: int) -> list[tuple[str, float]]:
    probs = softmax(scores)
    order = np.argsort(-probs, kind="stable")[:k]
    return [(names[int(i)], round(float(probs[i]), 4)) for i in order]


# case: {"step_logits": [[1.5, 0.5, -0.5], [0.1, 2.2, 0.3], [0.0, 0.0, 0.0]], "ids": [0, 1, 2]}
def sequence_score(step_logits: list[list[float]], ids: list[int]) -> dict[str, float]:
    lp = log_softmax(np.array(step_logits), axis=-1)
    total = sum(float(lp[i, t]) for i, t in enumerate(ids))
    return {"logprob": round(total, 6), "perplexity": round(float(np.exp(-total / len(ids))), 6)}


# case: {"beam_scores": [-1.5, -2.0, -0.25]}
# case: {"beam_scores": [-1000.0, -1000.5]}
def log_marginal(beam_scores: list[float]) -> float:
    return round(logsumexp(beam_scores), 6)


# case: {"raw": [-3.0, -0.2, 0.0, 0.4, 5.0], "threshold": 0.5}
# case: {"raw": [], "threshold": 0.5}
def multilabel_decisions(raw: list[float], threshold: float) -> list[int]:
    probs = expit(np.array(raw, dtype=np.float64))
    return [i for i, p in enumerate(probs.tolist()) if p > threshold]


# case: {"p": [0.01, 0.5, 0.75, 1.0, 1.5]}
def logits_of(p: list[float]) -> list[float]:
    return [round(float(x), 6) if np.isfinite(x) else float(x) for x in special.logit(np.array(p))]


# case: {"x": [-2.0, -0.5, 0.0, 1.0, 3.0]}
def exact_gelu(x: list[float]) -> list[float]:
    a = np.array(x)
    return np.round(a * 0.5 * (1.0 + special.erf(a / np.sqrt(2.0))), 6).tolist()


# case: {"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 6.5]}
# case: {"a": [0.0, 0.0], "b": [1.0, 2.0]}
def similarity_report(a: list[float], b: list[float]) -> dict[str, float]:
    return {
        "cosine_sim": round(1.0 - distance.cosine(a, b), 6),
        "l2": round(distance.euclidean(a, b), 6),
        "l1": round(distance.cityblock(a, b), 6),
        "linf": distance.chebyshev(a, b),
        "corr": round(distance.correlation(a, b), 6),
    }


# case: {"a": [1, 5, -2], "b": [4, 1, -2]}
def int_gaps(a: list[int], b: list[int]) -> tuple[int, int, float]:
    return distance.cityblock(a, b), distance.chebyshev(a, b), distance.sqeuclidean(a, b)


# case: {"queries": [[1.0, 0.0], [0.0, 1.0]], "docs": [[0.9, 0.1], [0.1, 0.9], [0.5, 0.5]], "k": 2, "metric": "cosine"}
# case: {"queries": [[0.5, 0.5]], "docs": [[0.0, 0.0], [1.0, 1.0], [0.6, 0.4]], "k": 1, "metric": "euclidean"}
# case: {"queries": [[0.5, 0.5]], "docs": [[0.0, 0.0]], "k": 1, "metric": "jaccardish"}
# case: {"queries": [[0.5, 0.5, 1.0]], "docs": [[0.0, 0.0]], "k": 1, "metric": "cosine"}
def retrieve(queries: list[list[float]], docs: list[list[float]], k: int, metric: str) -> list[list[int]]:
    d = cdist(np.array(queries), np.array(docs), metric=metric)
    return np.argsort(d, axis=1, kind="stable")[:, :k].tolist()


# case: {"points": [[0.0, 0.0], [3.0, 4.0], [1.5, 1.5]]}
# case: {"points": [[1.0, 2.0]]}
def distance_matrix(points: list[list[float]]) -> list[list[float]]:
    return np.round(squareform(pdist(np.array(points))), 4).tolist()


# case: {"vectors": [[1.0, 0.0], [0.99, 0.01], [0.0, 1.0], [0.5, 0.5]], "min_dist": 0.1}
def dedup(vectors: list[list[float]], min_dist: float) -> list[int]:
    kept: list[int] = []
    for i, v in enumerate(vectors):
        if all(distance.cosine(v, vectors[j]) >= min_dist for j in kept):
            kept.append(i)
    return kept


# case: {"x": [[0.0, 1.0], [2.0, 3.0], [4.0, 5.5]], "p": 3.0}
def minkowski_spread(x: list[list[float]], p: float) -> list[float]:
    arr = np.array(x)
    return [round(distance.minkowski(arr[0], arr[i], p), 6) for i in range(1, len(x))]


# case: {"probs": [[0.7, 0.2, 0.1], [0.34, 0.33, 0.33], [1.0, 0.0, 0.0]], "max_bits": 1.0}
def uncertain_rows(probs: list[list[float]], max_bits: float) -> list[int]:
    """Rows whose predictive entropy (in bits) exceeds a threshold: the active-learning pick."""
    from scipy.stats import entropy

    h = entropy(np.array(probs), base=2, axis=1)
    return [i for i, v in enumerate(h.tolist()) if v > max_bits]


# case: {"p": [0.5, 0.3, 0.2], "q": [0.4, 0.4, 0.2]}
# case: {"p": [0.5, 0.5], "q": [1.0, 0.0]}
def divergences(p: list[float], q: list[float]) -> dict[str, float]:
    from scipy.stats import entropy

    kl = entropy(p, q)
    terms = special.rel_entr(np.array(p), np.array(q))
    m = 0.5 * (np.array(p) + np.array(q))
    js = 0.5 * entropy(p, m) + 0.5 * entropy(q, m)
    return {"kl": round(kl, 6), "kl_terms": round(float(terms.sum()), 6), "js": round(js, 6)}


# case: {"logits": [-2.0, 0.0, 3.5, 800.0, -800.0]}
def log_probs_binary(logits: list[float]) -> list[float]:
    return [round(special.log_expit(x), 6) for x in logits]
