"""Helpers defined inside the function that uses them: reading the enclosing values, and
calling themselves (a recursive walk over nested lists)."""
from typing import List


# case: {"xs": [3, 4, 0]}
def factorial_sum(xs: List[int]) -> int:
    def fact(n: int) -> int:
        return 1 if n <= 1 else n * fact(n - 1)

    return sum(fact(x) for x in xs)


# case: {"tokens": ["a", "bb", "ccc"], "width": 2}
def pad_all(tokens: List[str], width: int) -> List[str]:
    def pad(t: str, fill: str = ".") -> str:
        return t[:width] + fill * max(0, width - len(t))

    return [pad(t) for t in tokens] + [pad("x", "-")]


# case: {"n": 5, "base": 2}
# case: {"n": 0, "base": 3}
def digits(n: int, base: int) -> List[int]:
    def go(m: int) -> List[int]:
        if m < base:
            return [m]
        return go(m // base) + [m % base]

    return go(n)
