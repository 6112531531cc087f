import itertools


def f(pools: list[list[int]]) -> int:
    # error: E0202
    return len(list(itertools.product(*pools)))
