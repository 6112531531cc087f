from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int


def f(a: int) -> int:
    s = Span(a, a + 1)
    # error: E0202
    s.end = 3
    return s.end
