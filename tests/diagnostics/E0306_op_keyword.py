def f(xs: list[int]) -> list[tuple[int, int]]:
    # error: E0306
    return list(enumerate(xs, begin=1))
