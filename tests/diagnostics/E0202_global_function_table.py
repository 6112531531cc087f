from typing import Callable, Dict

HOOKS: Dict[str, Callable[[float], float]] = {}


def double(x: float) -> float:
    return x * 2


def f(name: str, x: float) -> float:
    # error: E0202
    HOOKS[name] = double
    return HOOKS[name](x)
