def f(xs: list[int]) -> list[int]:
    # error: E0306
    return sorted(xs, cmp=lambda a, b: a - b)
