"""Sentence splitting, chunking with overlap, thresholds with Optional, histograms."""
from dataclasses import dataclass
from typing import Optional


@dataclass
class Chunk:
    text: str
    start: int
    end: int


# case: {"text": "Hi there. How are you?  Fine!"}
# case: {"text": "no end"}
def split_sentences(text: str) -> list[str]:
    sentences = []
    current = ""
    for ch in text:
        current += ch
        if ch in ".!?":
            if current.strip():
                sentences.append(current.strip())
            current = ""
    if current.strip():
        sentences.append(current.strip())
    return sentences


# case: {"text": "abcdefghijklmnopqrstuvwxyz0123456789", "max_len": 10, "overlap": 3}
# case: {"text": ""}
def chunk_text(text: str, max_len: int = 20, overlap: int = 5) -> list[Chunk]:
    chunks = []
    start = 0
    while start < len(text):
        end = min(start + max_len, len(text))
        chunks.append(Chunk(text=text[start:end], start=start, end=end))
        if end == len(text):
            break
        start = end - overlap
    return chunks


# case: {"labels": ["a", "b", "c"], "logits": [0.12345, -1.0, 2.5]}
# case: {"labels": ["a", "b"], "logits": [0.5, 0.1], "threshold": 0.3}
def label_scores(labels: list[str], logits: list[float], threshold: Optional[float] = None) -> list[dict[str, float]]:
    results = []
    for label, logit in zip(labels, logits):
        if threshold is not None and logit < threshold:
            continue
        results.append({label: round(logit, 3)})
    return results


# case: {"values": [1, 2, 2, 3, 9]}
# case: {"values": [5, 5]}
# case: {"values": []}
def histogram(values: list[int], bins: int = 3) -> list[int]:
    if not values:
        return [0] * bins
    lo, hi = min(values), max(values)
    width = (hi - lo) / bins or 1
    counts = [0] * bins
    for v in values:
        idx = int((v - lo) / width)
        if idx >= bins:
            idx = bins - 1
        counts[idx] += 1
    return counts


# case: {"xs": [3, 1, 4, 1, 5]}
def pairwise(xs: list[int]) -> list[tuple[int, int]]:
    return [(xs[i], xs[j]) for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[i] < xs[j]]


# case: {"text": "Hello, World! xyz"}
# case: {"text": "abc", "shift": -1}
def caesar(text: str, shift: int = 3) -> str:
    out = []
    for c in text:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= c <= "Z":
            out.append(chr((ord(c) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(c)
    return "".join(out)
