def apply(g, v: int) -> int:
    return g(v)


def f(x: int) -> int:
    k = 3
    # error: E0202
    return apply(lambda y: y + k, x)
