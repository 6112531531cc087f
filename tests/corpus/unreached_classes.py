"""A module whose helper classes are not all compilable: a function that never reaches such a class still compiles, as
CPython runs it without ever evaluating what the class cannot do. (A function that does reach one gets the class's
diagnostic: tests/diagnostics/E0206_reached_field_class.py.)"""

import time
from dataclasses import dataclass, field
from enum import Enum


@dataclass
class CacheEntry:
    key: str
    # A default that depends on when the module was imported: not compilable, and only a private helper uses it.
    created: float = time.time()
    hits: list[int] = field(default_factory=list)


def _make_entry(key: str) -> CacheEntry:
    return CacheEntry(key)


class Level(Enum):
    LOW = 1
    HIGH = 2


@dataclass
class Span:
    start: int
    end: int

    def length(self) -> int:
        return self.end - self.start


# case: {"starts": [0, 5, 9], "ends": [3, 12, 10]}
# case: {"starts": [1], "ends": [1]}
def longest_span(starts: list[int], ends: list[int]) -> list[int]:
    spans = [Span(s, e) for s, e in zip(starts, ends)]
    best = max(spans, key=lambda s: s.length())
    return [best.start, best.end]


# case: {"value": 2}
# case: {"value": 3}
def level_name(value: int) -> str:
    return Level(value).name


# case: {"text": "The cat and the hat"}
def count_words(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in text.lower().split():
        out[w] = out.get(w, 0) + 1
    return out
