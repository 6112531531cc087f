def f(x: int) -> int:
    # error: E0310
    y = x if x > 0 else "neg"
    return 1
