"""Exact class tests and callables as config loaders write them: `type(v) is int`, `type(v) in (int, float)`,
`type(v) == str` on JSON values and on typed ones (a bool is not an int by them), `callable(...)` on a table of
hooks, and identity tests between Enum members."""

from enum import Enum
from typing import Any, Callable, Dict, List, Optional


# case: {"record": {"lr": 0.001, "epochs": 3, "name": "bert", "fp16": true, "tags": ["a"], "extra": null}}
def field_kinds(record: Dict[str, Any]) -> Dict[str, str]:
    kinds: Dict[str, str] = {}
    for key, value in record.items():
        if type(value) is bool:
            kinds[key] = "switch"
        elif type(value) in (int, float):
            kinds[key] = "number/" + type(value).__name__
        elif type(value) == str:
            kinds[key] = "text"
        elif type(value) is not list:
            kinds[key] = "other"
        else:
            kinds[key] = f"list of {len(value)}"
    return kinds


# case: {"x": 2.75, "mode": "int"}
# case: {"x": 2.75, "mode": "float"}
def quantize(x: float, mode: str) -> List[Any]:
    casts = {"int": int, "float": float}
    v = casts[mode](x)
    exact_int = type(v) is int
    return [exact_int, float(v) if exact_int else round(v, 1)]


# case: {"n": 3, "f": 1.5, "b": false, "s": "x"}
def exact_classes(n: int, f: float, b: bool, s: str) -> List[bool]:
    return [
        type(n) is int,
        type(b) is int,
        type(b) is bool,
        type(f) in (int, float),
        type(s) not in (int, float),
        type(n) != float,
    ]


# case: {"x": -1.25, "steps": ["scale", "clip", "missing", "abs"]}
def run_hooks(x: float, steps: List[str]) -> List[Any]:
    hooks: Dict[str, Callable[[float], float]] = {
        "scale": lambda v: v * 4,
        "clip": lambda v: max(-2.0, min(2.0, v)),
        "abs": abs,
    }
    trace: List[Any] = []
    for name in steps:
        fn: Optional[Callable[[float], float]] = hooks.get(name)
        trace.append(callable(fn))
        if fn is not None:
            x = fn(x)
    trace.append(x)
    trace.append(callable(x))
    return trace


class Device(Enum):
    CPU = "cpu"
    CUDA = "cuda"


# case: {"names": ["cpu", "cuda", "cpu"]}
def same_device(names: List[str]) -> List[bool]:
    first = Device(names[0])
    return [Device(n) is first for n in names] + [Device(n) is not Device.CUDA for n in names]
