def f(x: int) -> int:
    # error: E0311
    a, b = (x, x, x)
    return a
