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


# case: {"special": ["[CLS]"], "tokens": ["a", "b"], "pair": ["x", "y"]}
# case: {"special": [], "tokens": [], "pair": ["x", "y"]}
def build_inputs(special: list[str], tokens: list[str], pair: tuple[str, str]) -> list[str]:
    return [*special, *tokens, "[SEP]", *pair, *(t.upper() for t in tokens)]


# case: {"defaults": {"lr": 0.1, "layers": 4}, "overrides": {"lr": 0.01, "dropout": 0.2}}
# case: {"defaults": {}, "overrides": {}}
def merge_settings(defaults: dict[str, float], overrides: dict[str, float]) -> dict[str, float]:
    merged = {**defaults, "seed": 0.0, **overrides}
    return merged | {"n": float(len(merged))}


# case: {"a": ["x", "y"], "b": ["y", "z"]}
def vocabulary(a: list[str], b: list[str]) -> list[str]:
    return sorted({*a, *b, "<unk>"})


# case: {"row": "2024,12,7,alice,42,3.5,true,x,y,z"}
def wide_row(row: str) -> tuple[int, int, int, str, int, float, bool, str, str, str]:
    y, mo, d, name, n, score, flag, a, b, c = row.split(",")
    return int(y), int(mo), int(d), name.title(), int(n), float(score), flag == "true", a, b, c


# case: {"xs": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
def twelve(xs: list[int]) -> tuple[int, int, int, int, int, int, int, int, int, int, int, int]:
    return tuple(sorted(xs, reverse=True))  # type: ignore[return-value]
