"""Sets whose order shows: deduplicated ids, vocabularies, printed tag sets, set algebra joined into text.

CPython iterates a set in its hash table's slot order; str items hash with the seed the reference runs under
(PYTHONHASHSEED=0), so these results are exact, not merely the same items.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import Enum, IntEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

STOPWORDS = {"the", "a", "an", "of", "and", "to", "in"}
PUNCT = frozenset([".", ",", "!", "?", ";"])
SMALL_PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}
SMALL_COPY = frozenset(SMALL_PRIMES)


# case: {"ids": [3, 1, 2, 3, 1]}
# case: {"ids": [1000, 8, 16, 8, -1, 0, 24]}
# case: {"ids": [-4611686018427387904, -2305843009213693951, 4611686018427387904, -5, 2305843009213693951, 77]}
# case: {"ids": []}
def dedupe_ids(ids: list[int]) -> list[int]:
    return list(set(ids))


# case: {"docs": ["the cat sat", "the dog sat down", "a cat and a dog"]}
# case: {"docs": ["naïve café", "déjà vu", "日本 語 テキスト", "emoji 🎉 party"]}
# case: {"docs": []}
def vocabulary(docs: list[str]) -> list[str]:
    vocab = set()
    for doc in docs:
        for word in doc.split():
            vocab.add(word.lower())
    return list(vocab)


# case: {"tags": ["python", "rust", "python", "ml", "data", "rust"]}
# case: {"tags": ["b", "a"]}
# case: {"tags": []}
def tag_summary(tags: list[str]) -> str:
    unique = set(tags)
    return f"{len(unique)} tags: {unique}"


# case: {"before": "the quick brown fox jumps over the lazy dog", "after": "the slow brown fox sleeps"}
# case: {"before": "a b c", "after": "a b c"}
def removed_tokens(before: str, after: str) -> str:
    gone = set(before.split()) - set(after.split())
    return ", ".join(gone)


# case: {"a": [5, 13, 21, 3, -7, 29, 37], "b": [13, 100, 5, 37, 8]}
# case: {"a": [1, 2, 3], "b": []}
def set_algebra(a: list[int], b: list[int]) -> tuple[list[int], list[int], list[int], list[int], str]:
    sa = set(a)
    sb = set(b)
    return list(sa | sb), list(sa & sb), list(sa - sb), list(sa ^ sb), str(sb - sa)


# case: {"n": 40}
# case: {"n": 7}
def growth_with_removals(n: int) -> list[int]:
    s = set()
    for i in range(n):
        s.add(i * 37 - 500)
        if i % 3 == 0:
            s.discard(i * 37 - 537)
    for i in range(0, n, 4):
        s.add(i * 1000003)
    return list(s)


# case: {"jobs": [12, 4, 99, 4, 17, 3, 64, 1]}
# case: {"jobs": []}
def drain(jobs: list[int]) -> list[int]:
    pending = set(jobs)
    order = []
    while pending:
        job = pending.pop()
        order.append(job)
        if job > 50:
            pending.add(job // 2)
    return order


# case: {"pairs": [["x", 1], ["y", 2], ["x", 1], ["z", -3]]}
def unique_pairs(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return list(set(pairs))


@dataclass(frozen=True)
class Cell:
    row: int
    col: int


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


# case: {"coords": [[0, 0], [1, 2], [0, 0], [5, -1], [2, 1]]}
def visited_cells(coords: list[tuple[int, int]]) -> str:
    cells = {Cell(r, c) for r, c in coords}
    return str([(c.row, c.col) for c in cells])


# case: {"names": ["BLUE", "RED", "BLUE", "GREEN"]}
def colors_seen(names: list[str]) -> list[str]:
    seen = {Color[n] for n in names}
    return [c.name for c in seen]


# case: {"words": ["alpha", "beta", "gamma"], "extra": ["delta", "alpha"]}
def keyword_literal(words: list[str], extra: list[str]) -> tuple[list[str], list[int]]:
    stop = {"alpha", "beta", "the", "and"}
    stop |= set(extra)
    kept = {len(w) for w in words} | {100, 200, 300}
    return list(stop), list(kept)


# case: {"stamps": ["2024-03-01T10:00:00", "2024-03-02T09:30:00", "2024-03-01T23:59:59", "2023-12-31T00:00:00"]}
# case: {"stamps": []}
def active_days(stamps: list[str]) -> str:
    days = {datetime.fromisoformat(s).date() for s in stamps}
    hours = {datetime.fromisoformat(s).replace(minute=0, second=0) for s in stamps}
    return f"{days} / {hours}"


# case: {"a": [5, 13, 21, 3], "b": [13, 8]}
def merge_in_place(a: list[int], b: list[int]) -> tuple[list[int], list[int], list[int]]:
    seen = set(a)
    seen |= seen
    extra = set(a)
    extra |= set(b)
    common = set(a)
    common &= set(b)
    return list(seen), list(extra), list(common)


# case: {"words": ["x", "y"], "more": ["z", "x", "w"]}
def starred_vocab(words: list[str], more: list[str]) -> str:
    base = set(words)
    return str({*base, "end", *more})


@dataclass
class TagIndex:
    tags: set[str]


# case: {"posts": [["ml", "python"], ["rust"], ["python", "web", "ml"], []], "banned": ["web"]}
# case: {"posts": [], "banned": []}
def tag_index(posts: list[list[str]], banned: list[str]) -> str:
    index = TagIndex(set())
    for tags in posts:
        index.tags |= set(tags)
    index.tags -= set(banned)
    index.tags &= index.tags
    return ", ".join(index.tags)


class Priority(IntEnum):
    LOW = 10
    MID = 25
    HIGH = 33


class Link(NamedTuple):
    src: str
    dst: str


class Label(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str


class Version(BaseModel):
    model_config = ConfigDict(frozen=True)
    major: int
    tag: str


# case: {"levels": [33, 10, 25, 10]}
def priorities_present(levels: list[int]) -> list[int]:
    return [int(p) for p in {Priority(x) for x in levels}]


# case: {"pairs": [["a", "b"], ["b", "c"], ["x", "y"], ["a", "b"]]}
def link_set(pairs: list[list[str]]) -> list[str]:
    return [f"{e.src}->{e.dst}" for e in {Link(p[0], p[1]) for p in pairs}]


# case: {"names": ["ml", "ai", "rust", "go", "ml"]}
def label_set(names: list[str]) -> list[str]:
    return [t.name for t in {Label(name=n) for n in names}]


# case: {"majors": [5, 1, 9, 13, 21]}
def versions_seen(majors: list[int]) -> list[str]:
    return [f"{v.major}-{v.tag}" for v in {Version(major=m, tag=str(m * 3)) for m in majors}]


# case: {"text": "the state of the art, and a plan to win in 2024!"}
def content_words(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    words = [w.strip("".join(PUNCT)) for w in text.split()]
    return list(STOPWORDS), list(PUNCT), list(SMALL_PRIMES), [len(w) for w in words if w not in STOPWORDS] + list(SMALL_COPY)
