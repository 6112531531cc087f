"""functools.partial as a value (bound to a local, passed on, called with the open parameters by position or name),
and lambdas with default parameters where a function is expected."""

import functools
import operator
from functools import partial


def scale(x: float, factor: float, offset: float = 0.0) -> float:
    return x * factor + offset


def clip(x: float, *, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def tokenize(text: str, lower: bool, sep: str = " ") -> list[str]:
    parts = text.split(sep)
    return [p.lower() for p in parts] if lower else parts


# case: {"xs": [0.25, 1.5, -1.0]}
# case: {"xs": []}
def rescale(xs: list[float]) -> list[float]:
    double = partial(scale, factor=2.0)
    triple_from = functools.partial(scale, 3.0)
    unit = partial(clip, lo=0.0, hi=1.0)
    out = list(map(double, xs))
    out += [triple_from(1.0), triple_from(2.0, 1.0), double(1.0, offset=0.5)]
    return out + [unit(x) for x in xs]


# case: {"texts": ["A b", "C d e"]}
def word_lists(texts: list[str]) -> list[list[str]]:
    lowered = partial(tokenize, lower=True)
    by_comma = partial(tokenize, lower=False, sep=",")
    return [lowered(t) for t in texts] + [by_comma("x,y")]


# case: {"xs": [1, 3, 2]}
def default_lambdas(xs: list[int]) -> list[int]:
    doubled = list(map(lambda x, k=2: x * k, xs))
    return doubled + sorted(xs, key=lambda x, sign=-1: sign * x) + [max(xs, key=lambda x, m=3: x % m)]


# case: {"logits": [0.5, -1.25, 3.0], "temperature": 2.0, "floor": 0.0}
# case: {"logits": [], "temperature": 0.5, "floor": 1.0}
def operator_partials(logits: list[float], temperature: float, floor: float) -> list[list[float]]:
    """operator functions with their first arguments bound: `partial(operator.mul, k)` is `lambda x: k * x`."""
    scaled = list(map(partial(operator.truediv, 1.0), [temperature, 4.0]))
    by_temp = partial(operator.mul, scaled[0])
    kept = list(filter(partial(operator.lt, floor), logits))
    negate = partial(operator.neg)
    flipped = [negate(x) for x in logits]
    shifted = list(map(functools.partial(operator.sub, 10.0), logits))
    return [list(map(by_temp, logits)), kept, flipped, shifted]


# case: {"ids": [3, 7, 12], "base": 5}
def operator_partial_ints(ids: list[int], base: int) -> list[list[int]]:
    offset = partial(operator.add, base)
    bucket = partial(operator.floordiv, 100)
    return [[offset(i) for i in ids], [bucket(i) for i in ids], list(map(partial(operator.mod, 17), ids))]
