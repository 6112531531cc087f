"""Dataclasses as tuples: version parsing through `Cls(*parts)` with defaults, `dataclasses.astuple` as a sort key and a
value, and a wrong number of parts (CPython's TypeError from the generated `__init__`)."""

import dataclasses
from dataclasses import astuple, dataclass


@dataclass(frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

    @classmethod
    def parse(cls, text: str) -> "Version":
        return cls(*[int(p) for p in text.split(".")])


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    label: str


# case: {"versions": ["1.2.3", "1.10", "1.9.9", "2"]}
# case: {"versions": ["1.2.3.4"]}
def newest(versions: list[str]) -> list[int]:
    parsed = [Version.parse(v) for v in versions]
    best = max(parsed, key=lambda v: astuple(v))
    return list(astuple(best))


# case: {"rows": [[0.5, 1.5, 2.5, 3.5], [1.25, 0.0, 2.0, 4.0]], "labels": ["cat", "dog"]}
def box_rows(rows: list[list[float]], labels: list[str]) -> list[tuple[float, float, float, float, str]]:
    boxes = [Box(*r, label=lab) for r, lab in zip(rows, labels)]
    return [dataclasses.astuple(b) for b in sorted(boxes, key=lambda b: (b.x1 - b.x0) * (b.y1 - b.y0))]
