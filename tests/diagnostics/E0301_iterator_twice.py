def f(xs: list[int]) -> list[tuple[int, int]]:
    it = iter(xs)
    # error: E0301
    return list(zip(it, it))
