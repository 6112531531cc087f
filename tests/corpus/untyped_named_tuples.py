"""collections.namedtuple records (fields typed by their constructions): parsing rows, indexing, unpacking, _replace."""
import collections
from collections import namedtuple

Token = namedtuple("Token", "kind text start")
Span = collections.namedtuple("Span", ["start", "end"])
Box = namedtuple("Box", "x0, y0, x1, y1", defaults=[1.0, 1.0])


# case: {"text": "let x = 42 ;"}
# case: {"text": ""}
def tokenize(text: str) -> list[str]:
    tokens = []
    pos = 0
    for word in text.split():
        kind = "num" if word.isdigit() else "name" if word.isalpha() else "punct"
        tokens.append(Token(kind, word, pos))
        pos = tokens[-1].start + len(word) + 1
    return [repr(t) for t in tokens]


# case: {"starts": [0, 5, 9], "ends": [3, 8, 12]}
def spans_report(starts: list[int], ends: list[int]) -> tuple[int, list[str], list[int], str]:
    spans = [Span(s, e) for s, e in zip(starts, ends)]
    total = 0
    for start, end in spans:
        total += end - start
    widened = [sp._replace(end=sp.end + 1) for sp in spans]
    return total, [str(sp) for sp in widened], [sp[0] for sp in spans], str(Span._fields)


# case: {"x0": 0.0, "y0": 0.5}
# case: {"x0": 2.0, "y0": -1.0}
def box_area(x0: float, y0: float) -> tuple[float, dict[str, float], int, bool]:
    b = Box(x0, y0)
    full = Box(x0, y0, x1=4.0, y1=3.0)
    area = max(0.0, b.x1 - b.x0) * max(0.0, b.y1 - b.y0)
    return area, full._asdict(), len(full), b == (x0, y0, 1.0, 1.0)


# case: {"starts": [5, 0, 5, 2], "ends": [9, 4, 7, 3]}
def ordered_spans(starts: list[int], ends: list[int]) -> tuple[list[str], str, str]:
    spans = [Span(s, e) for s, e in zip(starts, ends)]
    spans.sort()
    return [repr(sp) for sp in spans], repr(max(spans)), repr(min(spans, key=lambda sp: sp.end))
