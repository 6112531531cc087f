from typing import Callable

HANDLERS: dict[str, Callable[[int], int]] = {}


def register(name: str) -> Callable[[Callable[[int], int]], Callable[[int], int]]:
    def deco(fn: Callable[[int], int]) -> Callable[[int], int]:
        key = name.lower()
        HANDLERS[key] = fn
        return fn

    return deco


# error: E0202
@register("Double")
def _double(x: int) -> int:
    return 2 * x


def f(name: str, x: int) -> int:
    return HANDLERS[name](x)
