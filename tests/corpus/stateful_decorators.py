"""Module-level decorators that keep state between calls: a call counter in the decorator's frame (`nonlocal`),
a list of call records exposed as a function attribute, a memo dict, and a plain function with attributes set
after its definition. Each call of an entry starts from the import's state, as in a fresh CPython process."""
import functools
from typing import Callable, Dict, List, Tuple

CALLS: List[str] = []


def count_calls(fn: Callable[[str], List[str]]) -> Callable[[str], List[str]]:
    n = 0

    @functools.wraps(fn)
    def wrapper(text: str) -> List[str]:
        nonlocal n
        n += 1
        CALLS.append(f"{fn.__name__}#{n}")
        return fn(text)

    return wrapper


@count_calls
def split_words(text: str) -> List[str]:
    return text.lower().split()


# case: {"texts": ["A b", "c", ""]}
def count_splits(texts: List[str]) -> List[str]:
    sizes = [str(len(split_words(t))) for t in texts]
    return sizes + CALLS


def record(fn: Callable[[float], float]) -> Callable[[float], float]:
    seen: List[float] = []

    def wrapper(x: float) -> float:
        seen.append(x)
        return fn(x)

    wrapper.seen = seen
    return wrapper


@record
def squash(x: float) -> float:
    return x / (1.0 + abs(x))


# case: {"xs": [1.5, -3.0, 0.25]}
def squash_all(xs: List[float]) -> Tuple[List[float], List[float]]:
    ys = [round(squash(x), 5) for x in xs]
    return ys, list(squash.seen)


def memo(fn: Callable[[int], int]) -> Callable[[int], int]:
    table: Dict[int, int] = {}

    def wrapper(k: int) -> int:
        if k not in table:
            table[k] = fn(k)
        return table[k]

    return wrapper


@memo
def bucket(k: int) -> int:
    return (k * 2654435761) % 7


# case: {"ks": [3, 10, 3, 3, 8]}
def bucket_all(ks: List[int]) -> List[int]:
    return [bucket(k) for k in ks]


def next_id(prefix: str) -> str:
    next_id.counter += 1
    return f"{prefix}-{next_id.counter}"


next_id.counter = 0


# case: {"prefixes": ["req", "req", "job"]}
def make_ids(prefixes: List[str]) -> List[str]:
    return [next_id(p) for p in prefixes]
