def f(x: int) -> int:
    # error: E0205
    return x + undefined_name
