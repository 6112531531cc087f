from dataclasses import dataclass


@dataclass
class Box:
    corner: tuple[int, int]


def f(xs: list[int]) -> str:
    # error: E0301
    b = Box(tuple(xs))
    return str(b)
