"""Helpers called from the entry, monomorphised per call-site types, and recursion."""


def double(x):
    return x + x


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


# case: {"n": 21, "s": "ab"}
def uses_double(n: int, s: str) -> tuple[int, str, float]:
    return double(n), double(s), double(1.5)


# case: {"xs": [-0.5, 0.25, 3.0]}
def clamp_all(xs: list[float]) -> list[float]:
    return [clamp(x) for x in xs] + [clamp(x, hi=2.0) for x in xs]


# case: {"n": 15}
def fib_entry(n: int) -> int:
    return fib(n)


# case: {"texts": ["  Hello World ", "FOO bar"], "suffix": "!"}
def nested(texts: list[str], suffix: str) -> list[str]:
    def clean(t):
        return t.strip().lower() + suffix

    def shout(t: str, times: int = 2) -> str:
        return (t.upper() + " ") * times

    return [clean(t) for t in texts] + [shout(texts[0]).strip()]
