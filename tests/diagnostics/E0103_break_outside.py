def f(x: int) -> int:
    # error: E0103
    break
    return x
