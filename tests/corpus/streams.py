"""Generators that only a lazy stream gets right: an error after some items, an early return,
an infinite generator and a generator that spins after its first item. `ingot run` and the
differential cases see the list of what they yield; tests/streams.test.ts drives them as streams."""
from typing import Iterator


# case: {"words": ["a", "b", "", "c"]}
# case: {"words": ["hi", "there"]}
def shout(words: list[str]) -> Iterator[str]:
    n = 0
    for w in words:
        if not w:
            raise ValueError(f"empty word after {n} words")
        n += 1
        yield w.upper() + "!"


# case: {"xs": [3, 1, -1, 4]}
# case: {"xs": []}
def until_negative(xs: list[int]) -> Iterator[int]:
    for x in xs:
        if x < 0:
            return
        yield x * 10


def naturals(start: int) -> Iterator[int]:
    n = start
    while True:
        yield n
        n += 1


def first_then_spin(x: int) -> Iterator[int]:
    yield x
    while True:
        x = (x * 3 + 1) % 1000003


# case: {"text": "ab3c"}
# case: {"text": "héllo"}
def letters(text: str) -> Iterator[str]:
    for ch in text:
        if ch.isdigit():
            raise RuntimeError(f"a digit: {ch}")
        yield ch


# case: {"xs": [4, 0, 5]}
def guarded_div(xs: list[int]) -> Iterator[float]:
    for x in xs:
        try:
            yield 100 / x
        except ZeroDivisionError:
            yield -1.0
        finally:
            pass


# case: {"n": 4}
def squares_of_helper(n: int) -> Iterator[int]:
    for v in evens(n):
        yield v * v
    yield from evens(2)


def evens(n: int) -> Iterator[int]:
    for i in range(n):
        if i % 2 == 0:
            yield i
