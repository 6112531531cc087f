"""A small dataset module as data-preparation code writes one: a str Enum and an IntEnum, a dataclass with defaults,
a factory field and a property, grouping by split, a sliding-window generator, float reprs, an OrderedDict reordered,
and key=value parsing with an Optional default."""

from __future__ import annotations

import itertools
import math
import statistics
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Iterable, Iterator, Optional


class Split(str, Enum):
    TRAIN = "train"
    TEST = "test"


class Level(IntEnum):
    LOW = 1
    MID = 2
    HIGH = 3


@dataclass
class Example:
    id: int
    text: str
    label: str
    split: Split = Split.TRAIN
    weight: float = 1.0
    tags: list[str] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        return len(self.text.split())


def load(rows: list[dict[str, str]]) -> list[Example]:
    out = []
    for i, r in enumerate(rows):
        out.append(Example(i, r["text"].strip(), r.get("label", "none"), Split(r.get("split", "train"))))
    return out


# case: {"rows": [{"text": " a b c ", "label": "x"}, {"text": "d e", "label": "y", "split": "test"}, {"text": "f"}]}
def summary(rows: list[dict[str, str]]) -> dict[str, object]:
    exs = load(rows)
    by_split: dict[str, list[int]] = defaultdict(list)
    for e in exs:
        by_split[e.split.value].append(e.id)
    return {
        "n": len(exs),
        "by_split": dict(by_split),
        "words": [e.n_words for e in exs],
        "first": exs[0].text,
        "labels": sorted({e.label for e in exs}),
        "split_names": [s.name for s in Split],
    }


# case: {"scores": [0.1, 0.5, 0.9]}
def levels(scores: list[float]) -> list[str]:
    out = []
    for s in scores:
        lv = Level.HIGH if s > 0.8 else Level.MID if s > 0.3 else Level.LOW
        out.append(f"{lv.name}:{int(lv)}:{lv > Level.LOW}")
    return out


def windows(xs: Iterable[int], n: int) -> Iterator[tuple[int, ...]]:
    it = iter(xs)
    win = tuple(itertools.islice(it, n))
    if len(win) == n:
        yield win
    for x in it:
        win = win[1:] + (x,)
        yield win


# case: {"xs": [1, 2, 3, 4, 5], "n": 3}
def window_means(xs: list[int], n: int) -> list[float]:
    return [statistics.fmean(w) for w in windows(xs, n)]


# case: {"values": [3.14159, 2.5, 1e-7, 123456789.5, -0.25, 0.1]}
def reprs(values: list[float]) -> list[str]:
    return [repr(v) + "|" + str(round(v, 3)) + "|" + f"{v:g}" + "|" + str(math.isclose(v, 2.0)) for v in values]


# case: {"items": [["b", 2], ["a", 1], ["c", 3]]}
def ordered(items: list[tuple[str, int]]) -> list[str]:
    d: OrderedDict[str, int] = OrderedDict()
    for k, v in items:
        d[k] = v
    d.move_to_end("a")
    first = next(iter(d))
    d.popitem(last=False)
    return [first] + list(d.keys())


# case: {"s": "a=1;b=2;;c", "default": 0}
def parse_pairs(s: str, default: Optional[int] = None) -> dict[str, Optional[int]]:
    out: dict[str, Optional[int]] = {}
    for part in [p for p in s.split(";") if p]:
        k, _, v = part.partition("=")
        out[k] = int(v) if v else default
    return out
