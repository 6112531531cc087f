def f(x: int) -> int:
    # error: E0310
    y = (lambda v: v) if x > 0 else 0
    return 1
