def f(x: int) -> str:
    y = "a"
    # error: E0303
    y = [x]
    return "b"
