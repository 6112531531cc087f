def g(n):
    # error: E0309
    return g(n - 1) if n > 0 else 0


def f(x: int) -> int:
    return g(x)
