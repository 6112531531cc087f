"""Typical text and score utilities, written as people write them."""
import math
import re
from typing import Optional


# case: {"text": "  Hello   WORLD \t again "}
def normalize_text(text: str) -> str:
    text = text.strip().lower()
    out = []
    prev_space = False
    for ch in text:
        if ch.isspace():
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    return "".join(out)


# case: {"texts": ["the cat, the hat!", "a cat"]}
# case: {"texts": ["x y z"], "min_len": 1}
def word_counts(texts: list[str], min_len: int = 2) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in texts:
        for w in t.split():
            w = w.strip(".,!?").lower()
            if len(w) < min_len:
                continue
            counts[w] = counts.get(w, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# case: {"a": [1.0, 2.0], "b": [2.0, 4.0]}
# case: {"a": [0.0, 0.0], "b": [1.0, 1.0]}
# case: {"a": [1.0], "b": [1.0, 2.0]}
def cosine(a: list[float], b: list[float]) -> float:
    if len(a) != len(b):
        raise ValueError("length mismatch")
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    if na == 0 or nb == 0:
        return 0.0
    return dot / (na * nb)


# case: {"xs": [1.0, 2.0, 3.0]}
# case: {"xs": [1.0, 1.0], "temperature": 0.5}
def softmax(xs: list[float], temperature: float = 1.0) -> list[float]:
    m = max(xs)
    exps = [math.exp((x - m) / temperature) for x in xs]
    s = sum(exps)
    return [e / s for e in exps]


# case: {"scores": [0.1, 0.9, 0.5, 0.9]}
# case: {"scores": [0.3], "k": 5}
def top_k(scores: list[float], k: int = 3) -> list[tuple[int, float]]:
    indexed = list(enumerate(scores))
    indexed.sort(key=lambda p: p[1], reverse=True)
    return indexed[:k]


# case: {"xs": [4, 5, 6], "target": 5}
# case: {"xs": [], "target": 1}
def find_first(xs: list[int], target: int) -> Optional[int]:
    for i, x in enumerate(xs):
        if x == target:
            return i
    return None


# case: {"items": ["a", "b", "c", "d", "e"], "size": 2}
def batch(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# case: {"xs": [1.0, 2.0, 4.0]}
# case: {"xs": []}
def stats(xs: list[float]) -> dict[str, float]:
    n = len(xs)
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / n
    return {"mean": mean, "std": var ** 0.5, "min": min(xs), "max": max(xs)}


# case: {"text": "hello world, long", "max_chars": 8}
# case: {"text": "short"}
def truncate(text: str, max_chars: int = 10, suffix: str = "...") -> str:
    if len(text) <= max_chars:
        return text
    return text[: max_chars - len(suffix)] + suffix
