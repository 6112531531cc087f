def f(x: int, s: str) -> int:
    # error: E0301
    return x + s
