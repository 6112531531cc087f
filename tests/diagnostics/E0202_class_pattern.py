from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


def f(p: Point) -> str:
    match p:
        # error: E0202
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case _:
            return "elsewhere"
