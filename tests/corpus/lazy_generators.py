"""Generators and generator expressions are lazy: consumers that stop early (islice, zip, next, takewhile, any, all,
a `for` with `break`) end over endless generators, and an exception a generator raises surfaces after the items
before it, where CPython raises it."""
import itertools
from typing import Iterable, Iterator


def naturals(start: int) -> Iterator[int]:
    n = start
    while True:
        yield n
        n += 1


def read_records(lines: list[str]) -> Iterator[tuple[str, int]]:
    for line in lines:
        if not line.strip():
            continue
        name, _, value = line.partition("=")
        yield name.strip(), int(value)


def fib() -> Iterator[int]:
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def cycle_ids(prefix: str) -> Iterator[str]:
    for i in naturals(1):
        yield f"{prefix}-{i:03d}"


# case: {"k": 5}
# case: {"k": 0}
def first_squares(k: int) -> list[int]:
    return [x * x for x in itertools.islice(naturals(1), k)]


# case: {"words": ["alpha", "beta", "gamma"]}
# case: {"words": []}
def numbered(words: list[str]) -> list[tuple[int, str]]:
    return list(zip(naturals(1), words))


# case: {"words": ["a", "b"], "prefix": "doc"}
def labelled(words: list[str], prefix: str) -> dict[str, str]:
    return dict(zip(cycle_ids(prefix), words))


# case: {"limit": 100}
# case: {"limit": 0}
def fib_below(limit: int) -> list[int]:
    out = []
    for x in fib():
        if x >= limit:
            break
        out.append(x)
    return out


# case: {"limit": 50}
def fib_takewhile(limit: int) -> list[int]:
    return list(itertools.takewhile(lambda v: v < limit, fib()))


# case: {"lines": ["a = 1", "", "b = 2", "c = x"]}
# case: {"lines": ["a = 1", "b = 2"]}
# case: {"lines": []}
def header_and_rest(lines: list[str]) -> tuple[str, list[str]]:
    records = read_records(lines)
    first = next(records, ("none", 0))
    rest = [name for name, _ in records]
    return first[0], rest


# case: {"lines": ["a = 1", "b = oops", "c = 3"]}
# case: {"lines": ["a = 1", "b = 2"]}
def first_two(lines: list[str]) -> list[int]:
    return [v for _, v in itertools.islice(read_records(lines), 2)] if len(lines) < 3 else [
        v for _, v in itertools.islice(read_records(lines), 1)
    ]


# case: {"lines": ["a = 1", "b = oops"]}
# case: {"lines": ["a = 4", "b = 5"]}
def total(lines: list[str]) -> int:
    return sum(v for _, v in read_records(lines))


# case: {"lines": ["a = 1", "b = 7", "c = oops"]}
# case: {"lines": ["a = 1", "b = 2", "c = oops"]}
def has_big(lines: list[str]) -> bool:
    return any(v > 5 for _, v in read_records(lines))


# case: {"xs": [3, 0, 1]}
# case: {"xs": [0, 3]}
def all_positive_inverse(xs: list[int]) -> bool:
    return all(1 / x > 0 for x in xs)


# case: {"xs": [4, 9, 0, 16]}
# case: {"xs": [0]}
def first_root(xs: list[int]) -> float:
    return next(x**0.5 for x in xs if x > 5)


# case: {"xs": [1, 2, 3]}
def first_even_or_none(xs: list[int]) -> int | None:
    return next((x for x in xs if x % 2 == 0), None)


# case: {"n": 4}
# case: {"n": 0}
def windowed(n: int) -> list[tuple[int, int]]:
    evens = (x for x in naturals(0) if x % 2 == 0)
    return list(enumerate(itertools.islice(evens, n)))


# case: {"start": 5}
def drawn(start: int) -> list[int]:
    it = naturals(start)
    a = next(it)
    b = next(it, -1)
    out = [a, b]
    for x in it:
        out.append(x)
        if len(out) > 4:
            break
    out.append(next(it))
    return out


# case: {"lines": ["k = 1"]}
def exhausted(lines: list[str]) -> int:
    it = read_records(lines)
    _ = next(it)
    return next(it)[1]


# case: {"a": [1, 2, 3], "b": ["x", "y"]}
def zip_gens(a: list[int], b: list[str]) -> list[str]:
    left = (x * 10 for x in a)
    return [f"{n}{s}" for n, s in zip(left, (s.upper() for s in b))]


# case: {"n": 3}
def joined(n: int) -> str:
    return ",".join(str(x) for x in itertools.islice(fib(), n))


# case: {"n": 4}
def odd_numbers(n: int) -> list[int]:
    odd = (2 * k + 1 for k in itertools.count())
    return [next(odd) for _ in range(n)]


# case: {"n": 3, "scale": 10}
def scaled_evens(n: int, scale: int) -> tuple[int, list[int]]:
    evens = (x * scale for x in naturals(0) if x % 2 == 0)
    first = next(evens)
    return first, list(itertools.islice(evens, n))


# case: {"text": "to be or not to be", "k": 2}
# case: {"text": "", "k": 2}
def first_long_words(text: str, k: int) -> list[str]:
    def words(s: str) -> Iterator[str]:
        for w in s.split():
            yield w

    return list(itertools.islice((w for w in words(text) if len(w) > 2), k))


# case: {"xs": [5, 3, 8], "limit": 2}
def batched_until(xs: list[int], limit: int) -> list[int]:
    def stretched(values: list[int], times: int = 1) -> Iterator[int]:
        while True:
            for v in values:
                yield v * times

    return list(itertools.islice(stretched(xs, times=limit), 5))


def mean_of(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def parsed(lines: list[str]) -> Iterator[float]:
    for line in lines:
        yield float(line)


# case: {"lines": ["1.5", "2.5"]}
# case: {"lines": ["1.5", "x"]}
# case: {"lines": []}
def mean_of_lines(lines: list[str]) -> float:
    return mean_of(parsed(lines))


# case: {"lines": ["9", "1.5", "2.5"]}
def mean_after_header(lines: list[str]) -> tuple[float, float]:
    values = parsed(lines)
    header = next(values)
    return header, mean_of(values)


# case: {"lines": ["1", "2"]}
def drained(lines: list[str]) -> tuple[list[float], list[float]]:
    values = parsed(lines)
    first = list(values)
    return first, list(values)
