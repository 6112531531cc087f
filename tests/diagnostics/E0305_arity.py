def g(a: int, b: int) -> int:
    return a + b


def f(x: int) -> int:
    # error: E0305
    return g(x)
