"""Special methods that return NotImplemented for operands they do not handle, and reflected arithmetic."""
import functools


class Tokens:
    def __init__(self, n: int) -> None:
        self.n = n

    def __add__(self, other: "Tokens") -> "Tokens":
        if not isinstance(other, Tokens):
            return NotImplemented
        return Tokens(self.n + other.n)

    def __radd__(self, other: int) -> "Tokens":
        if other == 0:
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tokens):
            return NotImplemented
        return self.n == other.n

    def __lt__(self, other: "Tokens") -> bool:
        if not isinstance(other, Tokens):
            return NotImplemented
        return self.n < other.n


@functools.total_ordering
class Release:
    def __init__(self, tag: str) -> None:
        self.key = tuple(int(p) for p in tag.split("."))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Release):
            return NotImplemented
        return self.key == other.key

    def __lt__(self, other: "Release") -> bool:
        if not isinstance(other, Release):
            return NotImplemented
        return self.key < other.key


# case: {"counts": [3, 4, 5]}
# case: {"counts": []}
def total_tokens(counts: list[int]) -> int:
    acc = Tokens(0)
    for c in counts:
        acc = acc + Tokens(c)
    start = 0 + acc
    return start.n


# case: {"a": 2, "b": 2}
# case: {"a": 2, "b": 7}
def compare_tokens(a: int, b: int) -> list[bool]:
    x, y = Tokens(a), Tokens(b)
    return [x == y, x != y, x < y, y < x]


# case: {"n": 3}
def reflected_fails(n: int) -> int:
    t = n + Tokens(1)
    return t.n


# case: {"tags": ["1.2.0", "1.10.0", "1.9.3"]}
# case: {"tags": ["0.1"]}
def latest(tags: list[str]) -> list[str]:
    rs = [Release(t) for t in tags]
    best = rs[0]
    for r in rs[1:]:
        if r >= best:
            best = r
    return [".".join(str(p) for p in best.key), str(rs[0] <= best), str(rs[0] > best)]
