"""Registries of functions in dicts, as serving code picks a post-processor, a pooling or an activation by name: a
dict of different functions (a variant of function values), looked up with `[]` or `.get` and called, a lambda among
them, a table passed to a helper, and a function value kept in a local and rebound."""
import math
from typing import Callable, Optional


def _relu(xs: list[float]) -> list[float]:
    return [max(0.0, x) for x in xs]


def _sigmoid(xs: list[float]) -> list[float]:
    return [round(1.0 / (1.0 + math.exp(-x)), 6) for x in xs]


def _softmax(xs: list[float]) -> list[float]:
    m = max(xs)
    e = [math.exp(x - m) for x in xs]
    s = sum(e)
    return [round(v / s, 6) for v in e]


ACTIVATIONS: dict[str, Callable[[list[float]], list[float]]] = {
    "relu": _relu,
    "sigmoid": _sigmoid,
    "softmax": _softmax,
    "identity": lambda xs: list(xs),
}


# case: {"xs": [-1.0, 0.5, 2.0], "names": ["relu", "softmax"]}
# case: {"xs": [0.0, 1.0], "names": ["sigmoid", "identity"]}
# case: {"xs": [1.0], "names": ["gelu"]}
def apply_chain(xs: list[float], names: list[str]) -> list[float]:
    for n in names:
        fn = ACTIVATIONS.get(n)
        if fn is None:
            raise KeyError(f"unknown activation {n!r}")
        xs = fn(xs)
    return xs


# case: {"xs": [3.0, -1.0, 2.0], "name": "relu"}
# case: {"xs": [3.0, -1.0, 2.0], "name": "softmax"}
# case: {"xs": [3.0], "name": "tanh"}
def apply_one(xs: list[float], name: str) -> list[float]:
    return ACTIVATIONS[name](xs)


def _mean(rows: list[list[float]]) -> list[float]:
    return [sum(c) / len(c) for c in zip(*rows)]


def _first(rows: list[list[float]]) -> list[float]:
    return list(rows[0])


def _max(rows: list[list[float]]) -> list[float]:
    return [max(c) for c in zip(*rows)]


def _pool_with(table: dict[str, Callable[[list[list[float]]], list[float]]], mode: str, rows: list[list[float]]) -> list[float]:
    if mode not in table:
        return []
    return table[mode](rows)


# case: {"rows": [[1.0, 2.0], [3.0, 0.0]], "mode": "mean"}
# case: {"rows": [[1.0, 2.0], [3.0, 0.0]], "mode": "cls"}
# case: {"rows": [[1.0, 2.0], [3.0, 0.0]], "mode": "max"}
# case: {"rows": [[1.0, 2.0]], "mode": "last"}
def pool(rows: list[list[float]], mode: str) -> list[float]:
    table = {"mean": _mean, "cls": _first, "max": _max}
    return _pool_with(table, mode, rows)


# case: {"scores": [0.2, 0.9, 0.4], "normalize": true}
# case: {"scores": [0.2, 0.9, 0.4], "normalize": false}
def rescore(scores: list[float], normalize: bool) -> list[float]:
    post: Callable[[list[float]], list[float]] = _relu
    if normalize:
        post = _softmax
    return post(scores)


# case: {"names": ["relu", "identity", "nope"]}
def known(names: list[str]) -> list[bool]:
    return [n in ACTIVATIONS for n in names] + [len(ACTIVATIONS) == 4]
