"""Generic helpers and classes as typed serving code writes them: `TypeVar` parameters and results, a class that
derives `Generic[T]` read through `Cls[T]` annotations, and a `Protocol` a helper is annotated with."""
from typing import Generic, Optional, Protocol, TypeVar

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


def first_or(items: list[T], default: T) -> T:
    return items[0] if items else default


def invert(d: dict[K, V]) -> dict[V, K]:
    return {v: k for k, v in d.items()}


def chunk(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class Ranked(Generic[T]):
    def __init__(self, item: T, score: float) -> None:
        self.item = item
        self.score = score

    def better(self, other: "Ranked[T]") -> bool:
        return self.score > other.score


def best(items: list[Ranked[T]]) -> Optional[T]:
    top: Optional[Ranked[T]] = None
    for r in items:
        if top is None or r.better(top):
            top = r
    return top.item if top is not None else None


class Scorer(Protocol):
    def score(self, text: str) -> float: ...


class LengthScorer:
    def score(self, text: str) -> float:
        return float(len(text))


def score_all(scorer: Scorer, texts: list[str]) -> list[float]:
    return [scorer.score(t) for t in texts]


# case: {"names": ["b", "a"], "ids": [3, 1]}
# case: {"names": [], "ids": []}
def summary(names: list[str], ids: list[int]) -> list[object]:
    return [first_or(names, "none"), first_or(ids, -1), chunk(ids + ids, 3), invert(dict(zip(names, ids)))]


# case: {"texts": ["short", "a much longer text", "mid size"]}
# case: {"texts": []}
def pick_longest(texts: list[str]) -> Optional[str]:
    scores = score_all(LengthScorer(), texts)
    ranked: list[Ranked[str]] = [Ranked(t, s) for t, s in zip(texts, scores)]
    return best(ranked)
