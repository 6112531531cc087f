def f(x: int) -> str:
    # error: E0304
    return x
