"""Classes that relate to each other: dataclass inheritance (fields of the bases first, a redeclared field keeps its
place), isinstance against the module's classes and their subclasses, fields of a variant of dataclasses, the
`__eq__(self, other: object)` idiom, and functools.total_ordering."""

from dataclasses import dataclass, field
from functools import total_ordering
from typing import Union


@dataclass
class Detection:
    label: str
    score: float


@dataclass
class Box(Detection):
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Point(Detection):
    x: float = 0.0
    y: float = 0.0
    score: float = 1.0


def _area(d: Union[Box, Point]) -> float:
    if isinstance(d, Box):
        return (d.x1 - d.x0) * (d.y1 - d.y0)
    return 0.0


# case: {"w": 2.0, "h": 3.0}
# case: {"w": 0.5, "h": 0.0}
def describe(w: float, h: float) -> list[str]:
    found = [Box("car", 0.9, 0.0, 0.0, w, h), Point("eye", 0.5, 1.0, 2.0)]
    out = []
    for d in found:
        kind = "box" if isinstance(d, Box) else "point"
        out.append(f"{kind} {d.label} {d.score} {_area(d)} {isinstance(d, Detection)} {isinstance(d, (Point, str))}")
    out.append(repr(Point("p", 0.25, 3.0)))
    out.append(repr(Point("q", x=2.0, score=0.5)))
    return out


@dataclass
class Tagged(Detection):
    tags: list[str] = field(default_factory=list)


# case: {"label": "cat"}
def tagged(label: str) -> tuple[str, list[str], bool]:
    t = Tagged(label, 0.75)
    t.tags.append("pet")
    return repr(t), t.tags, isinstance(t, Detection)


@total_ordering
class Version:
    def __init__(self, major: int, minor: int) -> None:
        self.major = major
        self.minor = minor

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other: "Version") -> bool:
        return (self.major, self.minor) < (other.major, other.minor)


# case: {"a": [1, 2], "b": [1, 3]}
# case: {"a": [2, 0], "b": [1, 9]}
# case: {"a": [1, 3], "b": [1, 3]}
def compare_versions(a: list[int], b: list[int]) -> list[bool]:
    va = Version(a[0], a[1])
    vb = Version(b[0], b[1])
    return [va < vb, va <= vb, va > vb, va >= vb, va == vb, va != vb]
