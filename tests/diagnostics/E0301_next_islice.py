import itertools


def f(xs: list[int]) -> int:
    it = itertools.islice(xs, 2)
    # error: E0301
    return next(it)
