"""Quoted annotations: forward references to classes defined later, string forms of generic types,
and `from __future__ import annotations` (every annotation is a string then)."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional


# case: {"text": "a b  c", "offset": 2}
def tokenize(text: "str", offset: "int" = 0) -> "list[Token]":
    out: "list[Token]" = []
    pos = offset
    for word in text.split():
        out.append(Token(word, pos, pos + len(word)))
        pos += len(word) + 1
    return out


# case: {"tokens": [{"text": "x", "start": 0, "end": 1}, {"text": "yz", "start": 2, "end": 4}]}
def longest(tokens: "list[Token]") -> "Optional[Token]":
    best: Optional["Token"] = None
    for t in tokens:
        if best is None or t.width() > best.width():
            best = t
    return best


# case: {"pairs": [["k", "v"], ["a", "b"], ["k", "w"]]}
def headers(pairs: "list[tuple[str, str]]") -> "dict[str, str]":
    seen: "OrderedDict[str, str]" = {}
    for k, v in pairs:
        seen[k.lower()] = v
    return seen


# case: {"spans": [[0, 3], [5, 6]]}
def widths(spans: list["tuple[int, int]"]) -> "tuple[int, int]":
    total: "int | None" = None
    for a, b in spans:
        total = (total or 0) + b - a
    return (len(spans), total or 0)


@dataclass
class Token:
    text: str
    start: "int"
    end: int

    def width(self) -> "int":
        return self.end - self.start
