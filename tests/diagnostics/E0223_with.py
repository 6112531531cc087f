def f(xs: list[int]) -> int:
    # error: E0223
    with open("x") as fh:
        pass
    return 0
