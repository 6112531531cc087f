"""tuple(xs) given where a fixed-length tuple is declared (CPython passes it whatever its length), and += by any
iterable on lists and deques."""

from collections import deque


def area(box: tuple[int, int, int, int]) -> int:
    x0, y0, x1, y1 = box
    return (x1 - x0) * (y1 - y0)


def first_two(p: tuple[int, int]) -> str:
    return f"{p[0]},{p[1]} of {len(p)}: {p}"


# case: {"coords": [0, 0, 2, 3]}
# case: {"coords": [1, 1, 4]}
# case: {"coords": [0, 0, 1, 1, 9]}
def box_area(coords: list[int]) -> int:
    return area(tuple(coords))


# case: {"xs": [4, 5]}
# case: {"xs": [4, 5, 6]}
# case: {"xs": [4]}
def describe(xs: list[int]) -> str:
    def inner(p: tuple[int, int]) -> int:
        return p[0] + p[1]

    return first_two(tuple(xs)) + " / " + str(inner(tuple(xs)))


# case: {"tokens": ["a", "b"], "window": 3}
# case: {"tokens": [], "window": 2}
def sliding(tokens: list[str], window: int) -> list[str]:
    recent = deque(maxlen=window)
    out = []
    for t in tokens:
        recent += (t, t.upper())
        out.append("".join(recent))
    out += "xy"
    out += (s for s in tokens if s != "a")
    return out


# case: {"n": 3}
def ranges(n: int) -> list[int]:
    xs = [0]
    xs += range(n)
    xs += (i * i for i in range(n))
    xs += {7: "seven"}
    return xs
