"""Optional values checked before use, the way post-processing code checks a match or a
running best: after `is not None` (or `is None` with an early exit, or a bare truth test)
the value is used as what it holds; rebinding the name ends what the check proved."""
import re
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

_NUM = re.compile(r"(-?\d+(?:\.\d+)?)")


def first_number(text: str) -> Optional[float]:
    m = _NUM.search(text)
    if not m:
        return None
    return float(m.group(1))


def clamp01(x: float) -> float:
    return min(1.0, max(0.0, x))


# case: {"text": "score: 0.75 of 1"}
# case: {"text": "score: 7"}
# case: {"text": "no score"}
def parse_score(text: str) -> float:
    v = first_number(text)
    if v is None:
        return -1.0
    return clamp01(v)


# case: {"texts": ["a 3", "b", "c 1.5", "d -2"]}
def numbers(texts: List[str]) -> List[float]:
    out: List[float] = []
    for t in texts:
        v = first_number(t)
        if v is None:
            continue
        out.append(v)
    return out


# case: {"words": ["pear", "fig", "banana", "kiwi"]}
# case: {"words": []}
def longest(words: List[str]) -> str:
    best: Optional[str] = None
    for w in words:
        if best is None or len(w) > len(best):
            best = w
    return best if best is not None else ""


@dataclass
class Span:
    start: int
    end: int
    label: str
    tokens: List[str] = field(default_factory=list)


# case: {"tokens": ["John", "lives", "in", "New", "York", "."], "tags": ["B-PER", "O", "O", "B-LOC", "I-LOC", "O"]}
# case: {"tokens": ["x", "y"], "tags": ["I-MISC", "I-MISC"]}
def entity_spans(tokens: List[str], tags: List[str]) -> List[List[object]]:
    spans: List[Span] = []
    cur: Optional[Span] = None
    for i, (tok, tag) in enumerate(zip(tokens, tags)):
        inside = tag.startswith("I-") and cur is not None and cur.label == tag[2:]
        if inside and cur is not None:
            cur.end = i + 1
            cur.tokens.append(tok)
            continue
        if cur is not None:
            spans.append(cur)
            cur = None
        if tag != "O":
            cur = Span(i, i + 1, tag[2:], [tok])
    if cur:
        spans.append(cur)
    return [[s.label, s.start, s.end, " ".join(s.tokens)] for s in spans]


# case: {"points": [[10.0, 20.0, 0.9], [15.0, 25.0, 0.2], [30.0, 5.0, 0.8]], "thr": 0.5}
# case: {"points": [[1.0, 2.0]], "thr": 0.5}
def visible(points: List[List[float]], thr: float) -> List[List[float]]:
    kp = np.asarray(points)
    return [[float(x), float(y)] for x, y, c in kp if c > thr]
