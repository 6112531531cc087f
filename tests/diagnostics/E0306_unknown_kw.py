def g(a: int) -> int:
    return a


def f(x: int) -> int:
    # error: E0306
    return g(a=x, c=1)
