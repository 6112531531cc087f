"""Signatures: Annotated metadata, numpy scalar annotations, Literal aliases, defaults and keywords, no parameters, -> None."""
from typing import Annotated, Literal, Optional, Union

import numpy as np

Mode = Literal["mean", "max"]
SCALE = 3


# case: {"x": 2, "label": "a"}
def annotated(x: Annotated[int, "a count"], label: Annotated[str, {"doc": "name"}] = "z") -> Annotated[str, "out"]:
    return label * x


# case: {"n": 7, "w": 0.5}
# case: {"n": -2, "w": 1.25}
def numpy_scalars(n: np.int64, w: np.float32) -> np.float32:
    return n * w + SCALE


# case: {"xs": [1.0, 5.0, 3.0]}
# case: {"xs": [1.0, 5.0, 3.0], "mode": "max"}
def pool(xs: list[float], mode: Mode = "mean") -> float:
    return max(xs) if mode == "max" else sum(xs) / len(xs)


# case: {}
def no_params() -> list[int]:
    return [SCALE, SCALE * 2]


# case: {"xs": [3, 1]}
def returns_none(xs: list[int]) -> None:
    total = 0
    for x in xs:
        total += x
    assert total >= 0, "negative total"


# case: {"a": 1}
# case: {"a": 1, "b": 5, "c": "k"}
def keywords(a: int, b: int = 2, *, c: str = "c", d: Optional[float] = None) -> str:
    return f"{a}-{b}-{c}-{d}"


# case: {"v": 3}
# case: {"v": "3"}
# case: {"v": null}
def optional_union(v: Union[int, str, None] = None) -> str:
    if v is None:
        return "nothing"
    if isinstance(v, int):
        return f"int {v * 2}"
    return f"str {v + v}"


def _width(pair: tuple) -> int:
    return pair[1] - pair[0]


# case: {"xs": [3, 9, 4]}
# case: {"xs": [-2]}
def bare_tuple_result(xs: list[int]) -> tuple:
    lo, hi = min(xs), max(xs)
    return lo, hi, _width((lo, hi)), f"{lo}..{hi}"
