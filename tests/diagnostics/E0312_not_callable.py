def f(x: int) -> int:
    # error: E0312
    return x(1)
