def f(code: str) -> int:
    # error: E0202
    return eval(code)
