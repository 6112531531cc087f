"""Unpacking values whose length is known only at run time: lists, arrays, strings, generators, dict keys."""
import numpy as np


# case: {"xs": [1, 2]}
# case: {"xs": [1]}
# case: {"xs": [1, 2, 3]}
def two(xs: list[int]) -> int:
    a, b = xs
    return a * 10 + b


# case: {"xs": [1.0, 2.0, 3.0, 100.0]}
def bounds(xs: list[float]) -> list[float]:
    lo, hi = np.percentile(np.array(xs), [5, 95])
    return [float(lo), float(hi)]


# case: {"s": "ab"}
# case: {"s": "abc"}
def chars(s: str) -> str:
    x, y = s
    return y + x


# case: {"n": 3}
def from_gen(n: int) -> int:
    a, b, c = (i * i for i in range(n))
    return a + b + c


# case: {"rows": [[1, 2], [3, 4]]}
def pairs(rows: list[list[int]]) -> list[int]:
    out = []
    for a, b in rows:
        out.append(a - b)
    return out


# case: {"d": {"x": 1, "y": 2}}
def keys(d: dict[str, int]) -> str:
    k1, k2 = d
    return k1 + k2
