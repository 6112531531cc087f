"""Retrieval and parsing helpers of the kind that sit around a model, written as unseen code: BM25 scoring, word
chunking with overlap, MinHash signatures, tool-call extraction from a completion, greedy longest-match
tokenizing, embedding dedup, a tiny schema check with type(x).__name__ of JSON values, BIO span decoding."""

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from typing import Any, Optional

import numpy as np


# case: {"docs": ["the cat sat", "the dog sat down", "a cat and a dog"], "query": "cat sat"}
def bm25(docs: list[str], query: str, k1: float = 1.5, b: float = 0.75) -> list[float]:
    toks = [d.lower().split() for d in docs]
    avgdl = sum(len(t) for t in toks) / len(toks)
    df = Counter(w for t in toks for w in set(t))
    n = len(docs)
    scores = []
    for t in toks:
        tf = Counter(t)
        s = 0.0
        for q in query.lower().split():
            if q not in tf:
                continue
            idf = math.log(1 + (n - df[q] + 0.5) / (df[q] + 0.5))
            s += idf * tf[q] * (k1 + 1) / (tf[q] + k1 * (1 - b + b * len(t) / avgdl))
        scores.append(round(s, 6))
    return scores


# case: {"text": "one two three four five six seven eight nine ten", "size": 4, "overlap": 1}
def chunk_words(text: str, size: int, overlap: int) -> list[str]:
    words = text.split()
    step = max(size - overlap, 1)
    return [" ".join(words[i:i + size]) for i in range(0, max(len(words) - overlap, 1), step)]


# case: {"text": "hello world, hello there", "k": 3, "n": 4}
def minhash(text: str, k: int, n: int) -> list[int]:
    shingles = {text[i:i + k] for i in range(len(text) - k + 1)}
    sig = []
    for seed in range(n):
        sig.append(min(int(hashlib.md5(f"{seed}:{s}".encode()).hexdigest()[:8], 16) for s in shingles))
    return sig


# case: {"s": "Sure! <tool_call>{\"name\": \"search\", \"arguments\": {\"q\": \"x\"}}</tool_call> done"}
# case: {"s": "no tools here"}
# case: {"s": "<tool_call>{bad json}</tool_call>"}
def parse_tool_calls(s: str) -> list[dict[str, Any]]:
    calls = []
    for m in re.finditer(r"<tool_call>(.*?)</tool_call>", s, re.DOTALL):
        try:
            obj = json.loads(m.group(1))
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and "name" in obj:
            calls.append({"name": obj["name"], "arguments": obj.get("arguments", {})})
    return calls


# case: {"vocab": ["a", "b", "ab", "abc", "c"], "word": "abcab"}
def greedy_tokenize(vocab: list[str], word: str) -> list[str]:
    vs = set(vocab)
    out = []
    i = 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if word[i:j] in vs:
                out.append(word[i:j])
                i = j
                break
        else:
            out.append("[UNK]")
            i += 1
    return out


# case: {"emb": [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.9, 0.1]], "thr": 0.9}
def dedup(emb: list[list[float]], thr: float) -> list[int]:
    x = np.array(emb, dtype=np.float32)
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    keep: list[int] = []
    for i in range(len(x)):
        if all(float(x[i] @ x[j]) < thr for j in keep):
            keep.append(i)
    return keep


# case: {"schema": {"name": "str", "age": "int"}, "obj": {"name": "x", "age": "3"}}
# case: {"schema": {"name": "str"}, "obj": {"name": "x"}}
def validate(schema: dict[str, str], obj: dict[str, Any]) -> list[str]:
    errors = []
    for key, tname in schema.items():
        if key not in obj:
            errors.append(f"missing {key}")
        elif type(obj[key]).__name__ != tname:
            errors.append(f"{key}: expected {tname}, got {type(obj[key]).__name__}")
    return errors


# case: {"labels": ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC", "O"], "tokens": ["Ada", "Lovelace", "in", "New", "York", "City", "."]}
def bio_spans(labels: list[str], tokens: list[str]) -> list[tuple[str, str]]:
    spans: list[tuple[str, str]] = []
    cur: Optional[list[str]] = None
    kind = ""
    for lab, tok in zip(labels, tokens):
        if lab.startswith("B-"):
            if cur:
                spans.append((kind, " ".join(cur)))
            cur, kind = [tok], lab[2:]
        elif lab.startswith("I-") and cur is not None:
            cur.append(tok)
        else:
            if cur:
                spans.append((kind, " ".join(cur)))
            cur = None
    if cur:
        spans.append((kind, " ".join(cur)))
    return spans


# case: {"probs": [[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]], "labels": ["neg", "pos", "neu"]}
def top_labels(probs: list[list[float]], labels: list[str]) -> list[dict[str, Any]]:
    p = np.asarray(probs)
    order = np.argsort(-p, axis=1)
    return [{"label": labels[int(o[0])], "score": float(p[i, o[0]]), "runner_up": labels[int(o[1])]} for i, o in enumerate(order)]


# case: {"xs": [3, 1, 2, 3, 1, 1]}
def rank_freq(xs: list[int]) -> list[tuple[int, int]]:
    c = Counter(xs)
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
