"""Everyday text and data helpers written without Ingot in mind (a probe of unseen code, kept as a corpus): n-gram
and idf tables, Unicode cleanup, fenced-JSON extraction, sliding windows, span merging, edit distance, flattening
nested JSON, and a reused range."""

import re, json, math, unicodedata, string
from collections import Counter, deque, defaultdict
from typing import Any, Optional


# case: {"n": 5}
def range_reuse(n: int) -> tuple[int, int, list[int], int]:
    r = range(n)
    s = 0
    for x in r:
        s += x
    return s, len(r), list(r), r[-1]


# case: {"n": 30}
def primes(n: int) -> list[int]:
    sieve = [True] * (n + 1)
    sieve[0:2] = [False, False]
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(range(i * i, n + 1, i))
    return [i for i, p in enumerate(sieve) if p]


# case: {"s": "Ｆｕｌｌ\twidth\u200b text\u0007 here  "}
def clean(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", " ", s).strip()


# case: {"docs": ["a b c", "b c d", "c d e a"]}
def idf(docs: list[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d.split()))
    n = len(docs)
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in sorted(df.items())}


# case: {"s": "Alice met Bob in Paris. then Carol"}
def caps(s: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\b[A-Z][a-z]+\b", s)]


# case: {"s": "x ```json\n{\"a\": [1, 2], \"b\": null}\n``` y"}
# case: {"s": "```json\n{bad}\n```"}
# case: {"s": "none"}
def fenced(s: str) -> Optional[dict[str, Any]]:
    m = re.search(r"```json\s*(.*?)```", s, re.S)
    if not m:
        return None
    try:
        return json.loads(m.group(1))
    except json.JSONDecodeError:
        return None


# case: {"xs": [1, 5, 2, 8, 3], "k": 2}
def moving(xs: list[int], k: int) -> list[float]:
    win: deque[int] = deque(maxlen=k)
    out = []
    for x in xs:
        win.append(x)
        out.append(sum(win) / len(win))
    return out


# case: {"s": "Hello, world! (test) -- ok?"}
def depunct(s: str) -> str:
    table = str.maketrans({c: " " for c in string.punctuation})
    return " ".join(s.translate(table).split())


# case: {"words": ["listen", "silent", "enlist", "google", "gooegl", "x"]}
def anagrams(words: list[str]) -> list[list[str]]:
    groups: dict[tuple[str, ...], list[str]] = {}
    for w in words:
        groups.setdefault(tuple(sorted(w)), []).append(w)
    return list(groups.values())


# case: {"spans": [[5, 8], [1, 3], [2, 4], [8, 9], [10, 12]]}
def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# case: {"s": "the cat sat on the mat", "sub": {"the": "a", "at": "@", "cat": "dog"}}
def multi_replace(s: str, sub: dict[str, str]) -> str:
    pattern = re.compile("|".join(re.escape(k) for k in sorted(sub, key=len, reverse=True)))
    return pattern.sub(lambda m: sub[m.group(0)], s)


# case: {"a": "kitten", "b": "sitting"}
def lev(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# case: {"d": {"a": 1, "b": {"c": [1, 2], "d": {"e": null}}, "f": "x"}}
def flatten(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            out.update(flatten(v, key))
        else:
            out[key] = v
    return out


# case: {"rows": [{"name": "a", "active": true}, {"name": 3, "active": 1}, {"active": false}, {"name": "z"}]}
def active(rows: list[dict[str, Any]]) -> list[str]:
    return [str(r.get("name", "")) for r in rows if r.get("active")]


# case: {"text": "One. Two!  Three? four"}
def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
