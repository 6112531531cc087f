"""A table of post-processing functions looked up by name, where the table holds one function: the lookup still
raises CPython's KeyError (or IndexError for a list) for a name it lacks."""
from typing import Callable, Dict, List


def clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


# case: {"name": "clip", "xs": [1.5, -0.5, 0.25]}
# case: {"name": "softmax", "xs": [1.5]}
def apply_named(name: str, xs: List[float]) -> List[float]:
    table: Dict[str, Callable[[float], float]] = {"clip": clip01}
    return [table[name](x) for x in xs]


# case: {"i": 0, "x": 2.5}
# case: {"i": 3, "x": 2.5}
def apply_indexed(i: int, x: float) -> float:
    steps = [clip01]
    return steps[i](x)
