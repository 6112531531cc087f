"""Everyday idioms: walrus, del, pow, Counter.update, field(default_factory=...), annotated empty containers, bitwise precedence."""
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Doc:
    text: str
    tags: list[str] = field(default_factory=list)
    meta: dict[str, int] = field(default_factory=dict)
    lang: str = field(default="en")


# case: {"xs": [1, 2, 3, 4]}
# case: {"xs": [7]}
def walrus_loop(xs: list[int]) -> list[int]:
    out = list(xs)
    while (n := len(out)) > 2:
        out.pop()
    return out + [n]


# case: {"words": ["alpha", "be", "gamma"]}
def walrus_filter(words: list[str]) -> list[int]:
    return [m for w in words if (m := len(w)) > 2]


# case: {"d": {"a": 1, "b": 2}, "k": "a"}
# case: {"d": {"a": 1}, "k": "z"}
def delete_key(d: dict[str, int], k: str) -> dict[str, int]:
    d = dict(d)
    del d[k]
    return d


# case: {"xs": [1, 2, 3], "i": 1}
# case: {"xs": [1, 2, 3], "i": -1}
def delete_index(xs: list[int], i: int) -> list[int]:
    xs = list(xs)
    del xs[i]
    return xs


# case: {"n": 4}
# case: {"n": 0}
def powers(n: int) -> list[float]:
    return [pow(2, n) * 1.0, pow(2.0, 0.5) + n, n ** 2]


# case: {"texts": ["a b", "b c", "c"]}
# case: {"texts": []}
def vocab(texts: list[str]) -> list[tuple[str, int]]:
    c = Counter()
    for t in texts:
        c.update(t.split())
    c.update({"b": 2})
    return c.most_common(2)


# case: {"text": "hello", "tag": "x"}
def docs(text: str, tag: str) -> list[Doc]:
    a = Doc(text)
    b = Doc(text.upper(), tags=[tag])
    b.tags.append(tag + tag)
    b.meta["n"] = len(b.tags)
    b.meta[tag] = b.meta.get(tag, 0) + 1
    return [a, b]


# case: {"words": ["b", "a", "b"]}
def annotated(words: list[str]) -> dict[str, int]:
    seen: list[str] = []
    counts: dict[str, int] = {}
    total: float = 0
    for w in words:
        if w not in seen:
            seen.append(w)
        counts[w] = counts.get(w, 0) + 1
        total += 0.5
    counts["total"] = int(total)
    return counts


# case: {"x": 5, "y": 12}
# case: {"x": -3, "y": 6}
def bitwise(x: int, y: int) -> list[int]:
    return [x ^ y & 3 ^ x & y, (x ^ y) & 3, x & y & 7 ^ 1 ^ 2 & x, x | y ^ 1 & 2, x << 2 | 1 ^ 0xFF & ~3]


# case: {"s": "a=1;b=2;;c"}
def parse_pairs(s: str) -> dict[str, Optional[int]]:
    out: dict[str, Optional[int]] = {}
    for part in s.split(";"):
        if not (p := part.strip()):
            continue
        key, _, value = p.partition("=")
        out[key] = int(value) if value else None
    return out


@dataclass
class Point:
    x: int
    y: int = 0
    label: str = ""


# case: {"n": 3}
def mutate_fields(n: int) -> list[Point]:
    p = Point(n)
    p.y = n * 2
    p.x += 1
    p.label = f"p{p.x}"
    pts = [p, Point(0, 1)]
    pts[1].label = "origin"
    pts[1].y += 10
    return pts
# case: {"name": null}
# case: {"name": ""}
# case: {"name": "bob"}
def greet(name: Optional[str]) -> str:
    who = name or "stranger"
    return "hi " + who

# case: {"a": null, "b": 3}
# case: {"a": 0, "b": 3}
# case: {"a": 5, "b": 3}
def first(a: Optional[int], b: int):
    return [a or b, a and b, bool(a)]
