"""Numerics from the math module as scoring code uses them: exact sums of probabilities, GELU through
erf, log-likelihoods, combinatorics for pass@k, and tolerant comparisons of metrics."""
import math
from typing import Dict, List, Tuple


# case: {"probs": [0.1, 0.2, 0.3, 0.4]}
# case: {"probs": [0.5, 0.25, 0.25, 0.0]}
def entropy_bits(probs: List[float]) -> Dict[str, float]:
    total = math.fsum(probs)
    h = -math.fsum(p * math.log2(p) for p in probs if p > 0)
    return {"total": total, "entropy": round(h, 12), "normalised": math.isclose(total, 1.0, abs_tol=1e-12)}


# case: {"xs": [-3.0, -0.5, 0.0, 0.7, 2.0]}
def gelu_exact(xs: List[float]) -> List[float]:
    return [round(0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0))), 10) for x in xs]


# case: {"n": 10, "c": 3, "k": 1}
# case: {"n": 10, "c": 3, "k": 5}
# case: {"n": 5, "c": 0, "k": 2}
def pass_at_k(n: int, c: int, k: int) -> float:
    if n - c < k:
        return 1.0
    return round(1.0 - math.comb(n - c, k) / math.comb(n, k), 10)


# case: {"sizes": [2, 3, 4]}
# case: {"sizes": []}
def grid_stats(sizes: List[int]) -> Tuple[int, int, int, int]:
    cells = math.prod(sizes)
    orders = math.factorial(len(sizes))
    side = math.isqrt(cells)
    return cells, orders, side, math.perm(len(sizes), 2) if len(sizes) >= 2 else 0


# case: {"a": [0.0, 0.0, 0.0], "b": [1.0, 2.0, 2.0]}
# case: {"a": [1.0], "b": [1.0, 2.0]}
def point_distance(a: List[float], b: List[float]) -> float:
    return math.dist(a, b)


# case: {"x": 1234.5678}
# case: {"x": -0.375}
def float_parts(x: float) -> List[float]:
    frac, whole = math.modf(x)
    m, e = math.frexp(x)
    return [frac, whole, m, float(e), math.ldexp(m, e), math.copysign(1.0, x), math.fmod(x, 7.0), math.remainder(x, 2.0)]


# case: {"a": 0.8, "b": 0.8000001}
# case: {"a": 0.5, "b": 0.6}
def metrics_match(a: float, b: float) -> List[bool]:
    return [math.isclose(a, b), math.isclose(a, b, rel_tol=1e-6), math.isclose(a, b, abs_tol=0.2)]


# case: {"steps": 8, "base": 2}
def lr_schedule(steps: int, base: int) -> List[int]:
    return [math.lcm(base, s + 1) for s in range(steps)]
