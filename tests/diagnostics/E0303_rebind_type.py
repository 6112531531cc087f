def f(x: int) -> int:
    g = lambda v: v + 1
    # error: E0303
    g = 2
    return x
