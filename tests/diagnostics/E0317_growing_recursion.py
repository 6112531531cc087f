from typing import Union


def _nest(x: Union[int, list], depth: int) -> Union[int, list]:
    if depth == 0:
        return x
    # error: E0317
    return _nest([x], depth - 1)


def f(v: int, depth: int) -> str:
    return str(_nest(v, depth))
