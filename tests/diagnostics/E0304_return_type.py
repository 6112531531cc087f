def f(n: int) -> str:
    if n <= 0:
        # error: E0304
        return n
    return f(n - 1)
