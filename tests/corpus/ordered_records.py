"""Ordered records: @dataclass(order=True) sorting and extremes (compare=False fields skipped), classes with __lt__."""
import dataclasses
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(order=True)
class Version:
    major: int
    minor: int
    patch: int = 0
    label: str = field(default="", compare=False)


@dataclass(order=True)
class Scored:
    score: float
    name: str
    meta: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


class Task:
    def __init__(self, priority: int, name: str):
        self.priority = priority
        self.name = name

    def __lt__(self, other: "Task") -> bool:
        return (self.priority, self.name) < (other.priority, other.name)


def parse_version(text: str) -> Version:
    parts = [int(p) for p in text.split(".")]
    while len(parts) < 3:
        parts.append(0)
    return Version(parts[0], parts[1], parts[2], label=text)


# case: {"tags": ["1.10.0", "1.2", "1.2.0", "0.9.9", "2.0"]}
# case: {"tags": ["3.1"]}
def release_order(tags: list[str]) -> tuple[list[str], str, str, bool, bool]:
    versions = [parse_version(t) for t in tags]
    ordered = sorted(versions)
    newest = max(versions)
    a = versions[0]
    b = versions[-1]
    return [v.label for v in ordered], newest.label, min(versions).label, a <= b, a == b


# case: {"names": ["b", "a", "c"], "scores": [0.5, 0.9, 0.5]}
def rank(names: list[str], scores: list[float]) -> list[str]:
    items = [Scored(s, n, {"len": len(n)}) for n, s in zip(names, scores)]
    items.sort(reverse=True)
    best = max(items)
    return [f"{it.name}:{it.score}" for it in items] + [best.name, str(items[0] > items[-1])]


# case: {"jobs": [[2, "write"], [1, "read"], [2, "parse"]]}
def schedule(jobs: list[tuple[int, str]]) -> list[str]:
    tasks = [Task(p, n) for p, n in jobs]
    return [t.name for t in sorted(tasks)] + [min(tasks).name, max(tasks).name]


# case: {"x": 1.5, "y": -2.5}
def moved(x: float, y: float) -> tuple[str, bool, str]:
    p = Point(x, y)
    q = dataclasses.replace(p, x=x + 1.0)
    return repr(q), p == Point(x, y), repr(sorted([Version(1, 2), Version(1, 1, 5)])[0])


class Candidate(NamedTuple):
    score: float
    label: str


# case: {"labels": ["b", "a", "c"], "scores": [0.5, 0.5, 0.25]}
def best_candidates(labels: list[str], scores: list[float]) -> tuple[list[str], str]:
    cands = sorted(Candidate(s, lab) for s, lab in zip(scores, labels))
    return [c.label for c in cands], max(cands).label
