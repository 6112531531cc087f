def f(x: int) -> int:
    # error: E0302
    xs = []
    return x
