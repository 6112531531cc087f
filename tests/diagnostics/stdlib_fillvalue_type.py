import itertools


def f(a: list[int], b: list[str]) -> int:
    # error: E0301
    return len(list(itertools.zip_longest(a, b, fillvalue="-")))
