from collections import namedtuple

FIELDS = ["x", "y"]
# error: E0206
Point = namedtuple("Point", FIELDS, rename=True)


def f(a: int) -> int:
    return Point(a, 2).x
