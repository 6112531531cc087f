import itertools
from typing import Iterator


def naturals() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def f(k: int) -> list[int]:
    # error: E0301
    runs = itertools.islice(itertools.groupby(naturals(), key=lambda v: v // 3), k)
    return [key for key, _ in runs]
