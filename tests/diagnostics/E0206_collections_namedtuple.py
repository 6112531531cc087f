from collections import namedtuple

# error: E0206
Point = namedtuple("Point", ["x", "y"])


def f(a: int) -> int:
    return Point(a, 2).x
