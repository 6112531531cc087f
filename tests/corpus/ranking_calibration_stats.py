"""Evaluation helpers around a classifier or a retriever: average precision with the precision envelope,
score histograms with weights and densities, log-space accumulation, trend lines and correlations with the
statistics module, and log-likelihoods through math.lgamma."""
import math
import statistics

import numpy as np


# case: {"labels": [1, 0, 1, 1, 0, 0, 1], "scores": [0.9, 0.8, 0.75, 0.6, 0.5, 0.3, 0.1]}
# case: {"labels": [0, 0, 1], "scores": [0.9, 0.8, 0.1]}
# case: {"labels": [0, 0], "scores": [0.9, 0.8]}
def average_precision(labels: list[int], scores: list[float]) -> float:
    y = np.asarray(labels)
    order = np.argsort(-np.asarray(scores), kind="stable")
    y = y[order]
    if y.sum() == 0:
        raise ValueError("no positive labels")
    tp = np.cumsum(y)
    precision = tp / np.arange(1, len(y) + 1)
    recall = tp / y.sum()
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    steps = np.diff(np.concatenate([np.zeros(1), recall]))
    return round(float(np.sum(steps * envelope)), 6)


# case: {"losses": [3.0, 2.5, 2.7, 2.1, 2.2, 1.9]}
def best_so_far(losses: list[float]) -> tuple[list[float], int]:
    best = np.minimum.accumulate(np.array(losses))
    improved = int(np.count_nonzero(np.diff(best) < 0))
    return best.tolist(), improved


# case: {"scores": [0.05, 0.2, 0.22, 0.5, 0.51, 0.9, 0.99], "weights": [1.0, 2.0, 1.0, 0.5, 0.5, 3.0, 1.0]}
# case: {"scores": [], "weights": []}
def score_histogram(scores: list[float], weights: list[float]) -> dict[str, list[float]]:
    edges = [0.0, 0.25, 0.5, 0.75, 1.0]
    counts, _ = np.histogram(np.array(scores), bins=edges)
    mass, _ = np.histogram(np.array(scores), bins=edges, weights=np.array(weights))
    return {"counts": counts.astype(float).tolist(), "mass": mass.tolist()}


# case: {"values": [0.1, 0.4, 0.45, 0.5, 0.9, 1.3], "bins": 3}
def density_table(values: list[float], bins: int) -> list[tuple[float, float]]:
    dens, edges = np.histogram(np.asarray(values), bins=bins, density=True)
    widths = np.diff(edges)
    assert abs(float((dens * widths).sum()) - 1.0) < 1e-9
    return [(round(float(e), 4), round(float(d), 4)) for e, d in zip(edges[:-1], dens)]


# case: {"logps": [[-1.0, -2.0, -0.5], [-100.0, -101.0, -99.5]]}
def log_marginal(logps: list[list[float]]) -> list[float]:
    acc = np.full(len(logps), -np.inf)
    for column in np.asarray(logps).T:
        acc = np.logaddexp(acc, column)
    return np.round(acc, 6).tolist()


# case: {"xs": [1.0, 2.0, 3.0, 4.0, 5.0], "ys": [2.1, 3.9, 6.2, 7.8, 10.1]}
# case: {"xs": [1.0, 1.0, 1.0], "ys": [2.0, 3.0, 4.0]}
def trend(xs: list[float], ys: list[float]) -> dict[str, float]:
    fit = statistics.linear_regression(xs, ys)
    try:
        r = statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        r = float("nan")
    return {
        "slope": round(fit.slope, 6),
        "intercept": round(fit.intercept, 6),
        "r": round(r, 6),
        "cov": round(statistics.covariance(xs, ys), 6),
    }


# case: {"counts": [0, 1, 3, 7], "rate": 2.5}
# case: {"counts": [2], "rate": 0.0}
def poisson_loglik(counts: list[int], rate: float) -> float:
    if rate <= 0:
        raise ValueError("rate must be positive")
    total = 0.0
    for k in counts:
        total += k * math.log(rate) - rate - math.lgamma(k + 1)
    return round(total, 6)


# case: {"a": 2.0, "b": 5.0, "x": 0.3}
def beta_pdf(a: float, b: float, x: float) -> float:
    norm = math.gamma(a + b) / (math.gamma(a) * math.gamma(b))
    return round(norm * x ** (a - 1) * (1 - x) ** (b - 1), 8)


# case: {"latencies": [12.0, 15.0, 11.0, 30.0, 22.0, 18.0, 14.0, 16.0, 13.0, 50.0]}
# case: {"latencies": [5.0]}
def latency_buckets(latencies: list[float]) -> dict[str, float]:
    a = np.asarray(latencies)
    return {
        "p50_lower": float(np.percentile(a, 50, method="lower")),
        "p50_higher": float(np.percentile(a, 50, method="higher")),
        "p95_nearest": float(np.percentile(a, 95, method="nearest")),
        "p90_mid": float(np.quantile(a, 0.9, method="midpoint")),
    }


# case: {"features": [[1.0, 2.0, 0.5], [2.0, 4.1, 0.4], [3.0, 6.2, 0.1], [4.0, 7.9, 0.3]]}
def redundant_features(features: list[list[float]]) -> list[tuple[int, int, float]]:
    x = np.array(features)
    r = np.corrcoef(x, rowvar=False)
    c = np.cov(x, rowvar=False)
    pairs = []
    for i in range(r.shape[0]):
        for j in range(i + 1, r.shape[1]):
            if abs(r[i, j]) > 0.9:
                pairs.append((i, j, round(float(c[i, j]), 6)))
    return pairs
