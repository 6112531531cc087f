from collections import namedtuple

Pair = namedtuple("Pair", "key value")


def f(a: int) -> str:
    first = Pair("a", a)
    # error: E0301
    second = Pair("b", str(a))
    return repr(first) + repr(second)
