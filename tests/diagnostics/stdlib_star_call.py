import math


def f(coords: list[float]) -> float:
    # error: E0202
    return math.hypot(*coords)
