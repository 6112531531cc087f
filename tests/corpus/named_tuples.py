"""typing.NamedTuple classes: fields with defaults, methods and properties, tuple behaviour
(indexing, unpacking, len, == with tuples), _replace, _asdict, _fields; value JSON is a list."""
from typing import NamedTuple, Optional


class Span(NamedTuple):
    start: int
    end: int
    label: str = "O"

    @property
    def length(self) -> int:
        return self.end - self.start

    def shifted(self, offset: int) -> "Span":
        return self._replace(start=self.start + offset, end=self.end + offset)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


class Score(NamedTuple):
    label: str
    value: float


# The functional form.
Token = NamedTuple("Token", [("text", str), ("start", int)])


# case: {"text": "Ada Lovelace met Babbage", "offset": 4}
def find_names(text: str, offset: int) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for word in text.split():
        if word[0].isupper():
            spans.append(Span(pos, pos + len(word), "PER").shifted(offset))
        pos += len(word) + 1
    return spans


# case: {"span": [3, 8, "ORG"]}
# case: {"span": [0, 2]}
def describe(span: Span) -> str:
    start, end, label = span
    return f"{span!r} len={span.length} {span[0]}-{span[-2]} {label} n={len(span)} {span == (start, end, label)} {span[:2]}"


# case: {"span": [3, 8, "ORG"], "label": "LOC"}
def relabel(span: Span, label: str) -> Span:
    return span._replace(label=label)


# case: {"a": [0, 5, "X"], "b": [4, 9, "Y"]}
# case: {"a": [0, 5, "X"], "b": [5, 9, "Y"]}
def merge(a: Span, b: Span) -> Optional[Span]:
    if not a.overlaps(b):
        return None
    return Span(min(a.start, b.start), max(a.end, b.end), label=a.label)


# case: {"labels": ["cat", "dog"], "values": [0.25, 0.75]}
def best(labels: list[str], values: list[float]) -> Score:
    scores = [Score(l, v) for l, v in zip(labels, values)]
    top = max(scores, key=lambda s: s.value)
    return top._replace(value=round(top.value * 100))


# case: {"label": "cat", "value": 0.5}
def as_record(label: str, value: float) -> str:
    s = Score(label, value)
    return f"{s._asdict()} {s._fields} {'cat' in s} {s != ('cat', 0.5)} {str(s)}"


# case: {"spans": [[0, 3, "A"], [5, 6]]}
# case: {"spans": []}
def total(spans: list[Span]) -> tuple[int, tuple[str, ...]]:
    n = 0
    for s in spans:
        start, end, _ = s
        n += end - start
    return n, Span._fields


# case: {"label": "dog", "value": 2.5}
def as_tuple(label: str, value: float) -> tuple[str, float]:
    s = Score(label=label, value=value)
    t = tuple(s)
    return t if t == s else ("", 0.0)


# case: {"spans": [[0, 3, "A"], [5, 6, "B"], [0, 3, "A"]]}
def count_spans(spans: list[Span]) -> dict[Span, int]:
    counts: dict[Span, int] = {}
    for s in spans:
        counts[s] = counts.get(s, 0) + 1
    unique = set(spans)
    return {k: v * len(unique) for k, v in counts.items()}


# case: {"text": "to be or"}
def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for w in text.split(" "):
        out.append(Token(w, pos))
        pos += len(w) + 1
    return [t for t in out if t[0] != "be"] + [Token(text=str(Token._fields), start=len(out))]
