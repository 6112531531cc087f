"""Starred arguments and dict-literal keywords in calls: spreading tuples into helpers, lists into varargs builtins."""
import itertools
import os
from dataclasses import dataclass
from typing import NamedTuple


@dataclass
class Point:
    x: float
    y: float


class Size(NamedTuple):
    width: int
    height: int


def scale_box(x0: float, y0: float, x1: float, y1: float, factor: float = 1.0) -> tuple[float, float, float, float]:
    return x0 * factor, y0 * factor, x1 * factor, y1 * factor


def area(x0: float, y0: float, x1: float, y1: float) -> float:
    return max(0.0, x1 - x0) * max(0.0, y1 - y0)


def split_pair(text: str) -> tuple[str, int]:
    name, _, count = text.partition("=")
    return name.strip(), int(count or "0")


# case: {"boxes": [[0.0, 0.0, 2.0, 3.0], [1.0, 1.0, 0.5, 4.0]], "factor": 2.0}
# case: {"boxes": [], "factor": 1.0}
def scaled_areas(boxes: list[list[float]], factor: float) -> list[float]:
    out = []
    for b in boxes:
        box = (b[0], b[1], b[2], b[3])
        out.append(area(*scale_box(*box, factor=factor)))
    return out


# case: {"items": ["a=3", "b=", "c = 12"]}
def parse_counts(items: list[str]) -> dict[str, int]:
    counts = {}
    for item in items:
        name, n = split_pair(item)
        counts[name] = n
    return {k: v for k, v in map(lambda kv: (kv[0], kv[1] * 2), counts.items())}


# case: {"parts": ["data", "raw", "img_001.png"], "root": "/srv"}
# case: {"parts": ["a/", "/etc", "hosts"], "root": "rel"}
def build_path(parts: list[str], root: str) -> tuple[str, str]:
    return os.path.join(*parts), os.path.join(root, *parts[1:])


# case: {"scores": [0.25, 0.75, 0.5]}
# case: {"scores": [1.0]}
def score_range(scores: list[float]) -> tuple[float, float]:
    return min(*scores), max(*scores)


# case: {"grid": [[1, 2], [3], [4, 5]]}
# case: {"grid": [[1], []]}
def combinations_of(grid: list[list[int]]) -> list[int]:
    return [sum(combo) for combo in itertools.product(*grid)]


# case: {"rows": [[1, 2, 3], [4, 5, 6]]}
def columns_and_print(rows: list[list[int]]) -> list[int]:
    cols = list(zip(*rows))
    for row in rows:
        print(*row, sep="\t")
    print("cols:", *[sum(c) for c in cols])
    return [sum(c) for c in cols]


# case: {"a": 5, "b": 2}
def keywords_from_literal(a: int, b: int) -> tuple[float, float, float, float]:
    return scale_box(**{"x0": a, "y0": b, "x1": a + b, "y1": b * 3.0})


# case: {"pairs": [["x", 1], ["y", 2]]}
def spread_pairs(pairs: list[tuple[str, int]]) -> list[str]:
    def show(name: str, value: int) -> str:
        return f"{name}:{value}"

    return [show(*p) for p in pairs]


def join_parts(prefix: str, *parts: str) -> str:
    return prefix + "/".join(parts)


# case: {"bucket": "data", "key": "a/b.txt"}
def object_url(bucket: str, key: str) -> tuple[str, str]:
    location = (bucket, key)
    return join_parts("s3:", *location), join_parts("gs:", "x", *location)


# case: {"line": "a, b,,c", "x": 3.0}
def with_option_dicts(line: str, x: float) -> tuple[list[str], float, str]:
    split_opts = {"sep": ",", "maxsplit": 2}
    box_opts = {"y0": 0.0, "x1": 1.0, "y1": -2.5}
    parts = line.split(**split_opts)
    return parts, area(x, **box_opts), " ".join(p.strip() for p in line.split(**split_opts))


# case: {"coords": [[1.5, 2.25], [0.5, -3.5]], "w": 640, "h": 480}
def build_records(coords: list[list[float]], w: int, h: int) -> list[str]:
    dims = (w, h)
    out = [repr(Size(*dims))]
    for c in coords:
        xy = (c[0], c[1])
        out.append(repr(Point(*xy)))
    return out


def scaled_box(x0: float, y0: float, x1: float, y1: float) -> list[float]:
    return [round(x0 * 2.5, 3), round(y0 * 2.5, 3), round((x1 - x0) * (y1 - y0), 3)]


# case: {"rows": [[1.5, 2.5, 3.5, 4.5], [0.25, 0.5, 0.75, 1.5]]}
# case: {"rows": [[1.5, 2.5, 3.5]]}
def boxes_from_rows(rows: list[list[float]]) -> list[list[float]]:
    # A list spread into a helper's parameters: a row of the wrong length is CPython's TypeError.
    return [scaled_box(*row) for row in rows]
