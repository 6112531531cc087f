"""Recursive helpers over nested data with a Union-annotated parameter: instantiated once per member type the callers
give (a nested list once per depth), each instance's isinstance tests decided by its static types."""
from typing import List, Sequence, Tuple, Union

Nested = Union[float, List["Nested"]]


def _quantise(x: Union[float, list], step: float) -> Union[float, list]:
    if isinstance(x, list):
        return [_quantise(v, step) for v in x]
    return round(x / step) * step


# case: {"probs": [[0.12, 0.49], [0.51, 0.88]], "step": 0.25}
# case: {"probs": [], "step": 0.5}
def quantise_probs(probs: List[List[float]], step: float) -> List[List[float]]:
    return _quantise(probs, step)


def _depth_sum(x: Union[int, List], depth: int) -> int:
    if isinstance(x, list):
        return sum(_depth_sum(v, depth + 1) for v in x)
    return x * depth


# case: {"tree": [[1, 2], [3, 4]]}
# case: {"tree": [[], [5]]}
def weighted_depth_sum(tree: List[List[int]]) -> int:
    return _depth_sum(tree, 0)


def _leaf_count(x: Union[str, list]) -> int:
    if isinstance(x, str):
        return 1
    total = 0
    for item in x:
        total += _leaf_count(item)
    return total


# case: {"batches": [[["a", "b"], ["c"]], [["d"]]]}
# case: {"batches": [[[]]]}
def count_tokens(batches: List[List[List[str]]]) -> int:
    return _leaf_count(batches)


def _as_list(x: Union[int, float, List[float]]) -> List[float]:
    if isinstance(x, (int, float)):
        return [float(x)]
    return list(x)


# case: {"a": 2, "b": [0.5, 1.5], "c": 2.5}
def gather(a: int, b: List[float], c: float) -> List[float]:
    return _as_list(a) + _as_list(b) + _as_list(c)


def _shape(x: Union[float, list]) -> Tuple[int, ...]:
    if isinstance(x, list):
        inner = _shape(x[0]) if x else ()
        return (len(x),) + inner
    return ()


# case: {"grid": [[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]]}
# case: {"grid": []}
def grid_shape(grid: List[List[float]]) -> List[int]:
    return list(_shape(grid))


def _clamp(x: Union[int, Sequence], lo: int, hi: int) -> Union[int, list]:
    if isinstance(x, int):
        return min(max(x, lo), hi)
    return [_clamp(v, lo, hi) for v in x]


# case: {"ids": [[0, 7, 12], [-3]], "vocab": 10}
def clamp_ids(ids: List[List[int]], vocab: int) -> List[List[int]]:
    return _clamp(ids, 0, vocab - 1)


def _fmt(x: Union[float, str, List[float]]) -> str:
    if isinstance(x, float):
        return f"{x:.2f}"
    if isinstance(x, str):
        return x
    return "[" + ", ".join(_fmt(v) for v in x) + "]"


# case: {"name": "loss", "value": 0.123456, "history": [1.25, 0.5, 0.75]}
def report_line(name: str, value: float, history: List[float]) -> str:
    return f"{_fmt(name)}={_fmt(value)} {_fmt(history)}"
