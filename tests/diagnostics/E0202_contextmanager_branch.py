from contextlib import contextmanager
from typing import Iterator


@contextmanager
def maybe(flag: bool) -> Iterator[int]:
    # error: E0202
    if flag:
        yield 1


def f(flag: bool) -> int:
    with maybe(flag) as v:
        return v
