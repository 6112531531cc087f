"""Hashable keys: frozen dataclasses, NamedTuples and tuples as set items and dict keys (unhashable ones are E0316)."""

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


class Edge(NamedTuple):
    src: str
    dst: str


# case: {"spans": [[0, 3, "PER"], [5, 9, "LOC"], [0, 3, "PER"]]}
# case: {"spans": []}
def dedupe_spans(spans: list[tuple[int, int, str]]) -> list[str]:
    seen = set()
    out = []
    for s, e, lab in spans:
        sp = Span(s, e, lab)
        if sp in seen:
            continue
        seen.add(sp)
        out.append(repr(sp))
    return out


# case: {"pairs": [["a", "b"], ["b", "c"], ["a", "b"]]}
def edge_counts(pairs: list[list[str]]) -> dict[str, int]:
    counts = Counter(Edge(p[0], p[1]) for p in pairs)
    return {f"{e.src}->{e.dst}": n for e, n in counts.items()}


# case: {"rows": [[1, 2], [2, 1], [1, 2]]}
def distinct_rows(rows: list[list[int]]) -> int:
    keys = {tuple(r) for r in rows}
    by_span = {Span(r[0], r[1], "x"): i for i, r in enumerate(rows)}
    return len(keys) * 10 + len(by_span)
