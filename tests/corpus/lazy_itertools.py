"""itertools and builtins over generators and endless iterators run item by item: a consumer that stops early
(islice, next) ends, and a function raising on a later item is never called for it."""
import itertools
from typing import Iterator


def tokens(text: str) -> Iterator[str]:
    for w in text.split():
        if w == "!":
            raise ValueError("bang")
        yield w.lower()


def naturals(start: int) -> Iterator[int]:
    n = start
    while True:
        yield n
        n += 1


def readings(values: list[float]) -> Iterator[tuple[str, float]]:
    for i, v in enumerate(values):
        yield f"s{i}", v


# case: {"text": "Hello big World"}
# case: {"text": "a ! b"}
def stats(text: str) -> tuple[int, str, str, list[str], str]:
    return (
        sum(len(t) for t in tokens(text)),
        min(tokens(text)),
        max(tokens(text), key=len),
        sorted(tokens(text)),
        "|".join(tokens(text)),
    )


# case: {"text": "a b c", "other": "d e"}
# case: {"text": "a", "other": "d ! e"}
# case: {"text": "a b", "other": "d ! e"}
def two_streams(text: str, other: str) -> list[tuple[str, str]]:
    return list(zip(tokens(text), tokens(other)))


# case: {"text": "p q"}
def indexed(text: str) -> list[tuple[int, str]]:
    return [(i, t) for i, t in enumerate(tokens(text), start=1)]


# case: {"text": "p q"}
# case: {"text": "p !"}
def chained(text: str) -> list[str]:
    return list(itertools.chain(tokens(text), ["end"]))


# case: {"text": "a b c"}
# case: {"text": "a"}
def adjacent(text: str) -> list[tuple[str, str]]:
    return list(itertools.pairwise(tokens(text)))


# case: {"n": 5}
def after_warmup(n: int) -> list[int]:
    return list(itertools.islice(itertools.dropwhile(lambda v: v < n, naturals(0)), 3))


# case: {"text": "ab c ab"}
def lengths(text: str) -> dict[str, int]:
    return {t: len(t) for t in tokens(text)}


# case: {"text": "a long !"}
# case: {"text": "a ! long"}
def any_long(text: str) -> bool:
    return any(len(t) > 3 for t in tokens(text))


# case: {"text": "a b stop c"}
# case: {"text": "a stop !"}
def until_stop(text: str) -> list[str]:
    return list(itertools.islice(itertools.takewhile(lambda t: t != "stop", tokens(text)), 2))


# case: {"n": 4}
def not_multiples_of_three(n: int) -> list[int]:
    return list(itertools.islice(itertools.filterfalse(lambda v: v % 3 == 0, naturals(0)), n))


# case: {"n": 4}
def running_totals(n: int) -> list[int]:
    return list(itertools.islice(itertools.accumulate(naturals(1)), n))


# case: {"n": 5}
def factorials(n: int) -> list[int]:
    return list(itertools.islice(itertools.accumulate(naturals(1), lambda a, b: a * b, initial=1), n))


# case: {"n": 3}
def steps(n: int) -> list[tuple[int, int]]:
    return list(itertools.islice(itertools.pairwise(naturals(0)), n))


# case: {"values": [1.5, 2.0, 0.25]}
def labelled(values: list[float]) -> list[str]:
    return list(itertools.starmap(lambda name, v: f"{name}={v:.2f}", readings(values)))


# case: {"values": [4.0, 0.0, 2.0], "k": 1}
# case: {"values": [0.0, 4.0], "k": 1}
def inverses(values: list[float], k: int) -> list[float]:
    return list(itertools.islice(map(lambda p: 1 / p[1], readings(values)), k))


# case: {"k": 3}
def squares_of_odds(k: int) -> list[int]:
    return list(itertools.islice(map(lambda v: v * v, filter(lambda v: v % 2 == 1, naturals(0))), k))


# case: {"items": [1, 2, 3, 4, 5], "size": 2}
# case: {"items": [], "size": 3}
def batched_by_islice(items: list[int], size: int) -> list[list[int]]:
    it = iter(items)
    out = []
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            break
        out.append(chunk)
    return out


# case: {"words": ["b", "c", "a", "d"]}
def header_then_sorted(words: list[str]) -> tuple[list[str], int, list[str], list[str]]:
    it = iter(words)
    header = list(itertools.islice(it, 1))
    second = next(it, "")
    rest = sorted(it)
    return header, len(second), rest, list(it)
