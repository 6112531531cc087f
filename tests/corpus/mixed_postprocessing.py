"""Classes, exceptions, generators and numpy together, as a small post-processing module mixes them: an Enum-labelled
prediction dataclass with a property, a toy tokenizer class, non-maximum suppression, a custom exception chain, a
batching generator, and array statistics."""

import math
import numpy as np
from dataclasses import dataclass, field
from typing import Optional
from enum import Enum


class Label(Enum):
    NEG = 0
    POS = 1


@dataclass
class Prediction:
    label: Label
    score: float
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def confident(self) -> bool:
        return self.score > 0.8

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label.name, "score": round(self.score, 4)}


# case: {"logits": [[0.5, 2.0], [1.0, -1.0], [3.0, 3.1]]}
def classify(logits: list[list[float]]) -> list[dict[str, object]]:
    x = np.array(logits)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    out = []
    for row in p:
        k = int(np.argmax(row))
        pred = Prediction(Label(k), float(row[k]))
        d = pred.to_dict()
        d["confident"] = pred.confident
        out.append(d)
    return out


class Tokenizer:
    def __init__(self, vocab: list[str], lowercase: bool = True):
        self.vocab = {w: i for i, w in enumerate(vocab)}
        self.lowercase = lowercase
        self.unk = len(vocab)

    def encode(self, text: str) -> list[int]:
        if self.lowercase:
            text = text.lower()
        return [self.vocab.get(w, self.unk) for w in text.split()]

    def decode(self, ids: list[int]) -> str:
        inv = {i: w for w, i in self.vocab.items()}
        return " ".join(inv.get(i, "<unk>") for i in ids)


# case: {"text": "The cat SAT on a mat"}
def roundtrip(text: str) -> tuple[list[int], str]:
    tok = Tokenizer(["the", "cat", "sat", "on", "mat"])
    ids = tok.encode(text)
    return ids, tok.decode(ids)


# case: {"boxes": [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 9, 9]], "scores": [0.9, 0.8, 0.7, 0.95], "thr": 0.5}
def nms(boxes: list[list[float]], scores: list[float], thr: float) -> list[int]:
    b = np.array(boxes, dtype=np.float32)
    s = np.array(scores)
    x1, y1, x2, y2 = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    areas = (x2 - x1) * (y2 - y1)
    order = s.argsort()[::-1]
    keep = []
    while order.size > 0:
        i = order[0]
        keep.append(int(i))
        xx1 = np.maximum(x1[i], x1[order[1:]])
        yy1 = np.maximum(y1[i], y1[order[1:]])
        xx2 = np.minimum(x2[i], x2[order[1:]])
        yy2 = np.minimum(y2[i], y2[order[1:]])
        inter = np.maximum(0.0, xx2 - xx1) * np.maximum(0.0, yy2 - yy1)
        iou = inter / (areas[i] + areas[order[1:]] - inter)
        order = order[1:][iou <= thr]
    return keep


class ParseError(ValueError):
    pass


def parse_kv(line: str) -> tuple[str, int]:
    if "=" not in line:
        raise ParseError(f"no '=' in {line!r}")
    k, v = line.split("=", 1)
    try:
        return k.strip(), int(v)
    except ValueError as e:
        raise ParseError(f"bad value for {k.strip()}: {e}") from e


# case: {"lines": ["a=1", "b = 2", "c", "d=x", "e=5"]}
def parse_all(lines: list[str]) -> tuple[dict[str, int], list[str]]:
    ok: dict[str, int] = {}
    errors = []
    for line in lines:
        try:
            k, v = parse_kv(line)
            ok[k] = v
        except ParseError as e:
            errors.append(str(e))
    return ok, errors


def batched(xs: list[int], n: int):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


# case: {"xs": [1, 2, 3, 4, 5, 6, 7], "n": 3}
def batch_sums(xs: list[int], n: int) -> list[int]:
    return [sum(b) for b in batched(xs, n)]


# case: {"v": [3.0, 4.0], "w": [1.0, 0.0]}
def geometry(v: list[float], w: list[float]) -> dict[str, float]:
    a = np.asarray(v)
    b = np.asarray(w)
    cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return {"norm": float(np.linalg.norm(a)), "cos": round(cos, 6), "angle": round(math.degrees(math.acos(cos)), 3)}


# case: {"scores": [0.1, 0.4, 0.35, 0.8], "k": 2}
def topk_pairs(scores: list[float], k: int) -> list[tuple[int, float]]:
    arr = np.array(scores)
    idx = np.argsort(-arr)[:k]
    return [(int(i), float(arr[i])) for i in idx]


# case: {"x": [[1, 2, 3], [4, 5, 6]]}
def stats(x: list[list[int]]) -> dict[str, object]:
    a = np.array(x)
    return {
        "shape": list(a.shape),
        "sum0": a.sum(axis=0).tolist(),
        "mean": float(a.mean()),
        "std": round(float(a.std()), 6),
        "t": a.T.tolist(),
        "flat": a.flatten().tolist(),
        "max_idx": int(a.argmax()),
        "cum": np.cumsum(a, axis=1).tolist(),
    }
