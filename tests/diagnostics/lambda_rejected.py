def f(x: int) -> int:
    # error: E0202
    g = lambda y: y + 1
    return x
