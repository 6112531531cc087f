"""Generator functions: their value is the list of what they yield; `return` stops them early."""
from typing import Iterator


# case: {"text": "one two three four", "size": 2}
# case: {"text": "", "size": 3}
def chunks(text: str, size: int) -> Iterator[str]:
    words = text.split()
    for i in range(0, len(words), size):
        yield " ".join(words[i:i + size])


# case: {"limit": 50}
def fibs(limit: int) -> Iterator[int]:
    a, b = 0, 1
    while True:
        if a > limit:
            return
        yield a
        a, b = b, a + b


# case: {"xs": [[1, 2], [], [3]]}
def flatten(xs: list[list[int]]) -> Iterator[int]:
    for x in xs:
        yield from x
    yield -1
