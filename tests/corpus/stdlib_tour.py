"""A tour of the stdlib modules small helpers reach for, written as unseen code would use them: heapq, bisect, hashlib,
base64, datetime, random with a seed, statistics, lru_cache on a nested function, itertools, json.dumps options,
%-formatting, operator.itemgetter, next() with an Optional default."""

import base64
import bisect
import datetime as dt
import hashlib
import heapq
import itertools
import json
import operator
import random
import statistics
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import Callable, Iterable, Optional, Union


@dataclass(order=True)
class Version:
    major: int
    minor: int
    patch: int = 0

    @classmethod
    def parse(cls, s: str) -> "Version":
        parts = [int(p) for p in s.split(".")]
        return cls(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


# case: {"vs": ["1.2.3", "1.10", "0.9.9", "1.2"]}
def sort_versions(vs: list[str]) -> list[str]:
    return [str(v) for v in sorted((Version.parse(s) for s in vs), key=lambda v: (v.major, v.minor, v.patch))]


# case: {"xs": [5, 1, 9, 3, 7], "k": 3}
def k_smallest(xs: list[int], k: int) -> list[int]:
    h: list[int] = []
    for x in xs:
        heapq.heappush(h, -x)
        if len(h) > k:
            heapq.heappop(h)
    return sorted(-v for v in h)


# case: {"grades": [55, 71, 89, 90, 100, 0]}
def letter(grades: list[int]) -> list[str]:
    cuts = [60, 70, 80, 90]
    return ["FDCBA"[bisect.bisect(cuts, g)] for g in grades]


# case: {"s": "hello"}
def digests(s: str) -> dict[str, str]:
    b = s.encode("utf-8")
    return {
        "md5": hashlib.md5(b).hexdigest(),
        "sha256": hashlib.sha256(b).hexdigest()[:16],
        "b64": base64.b64encode(b).decode("ascii"),
        "b64url": base64.urlsafe_b64encode(b"\xff\xfe" + b).decode(),
    }


# case: {"d": "2024-02-28", "days": 2}
def shift(d: str, days: int) -> dict[str, str]:
    x = dt.date.fromisoformat(d) + dt.timedelta(days=days)
    return {"iso": x.isoformat(), "fmt": x.strftime("%A %d %B %Y"), "weekday": str(x.weekday())}


# case: {"seed": 42}
def sampled(seed: int) -> list[int]:
    rng = random.Random(seed)
    xs = list(range(10))
    rng.shuffle(xs)
    return xs[:3] + [rng.randint(0, 100), rng.choice([7, 8, 9])]


# case: {"xs": [2.5, 3.5, 1.0, 4.0, 4.0]}
def describe(xs: list[float]) -> dict[str, float]:
    return {
        "mean": statistics.mean(xs),
        "median": statistics.median(xs),
        "mode": statistics.mode(xs),
        "stdev": round(statistics.stdev(xs), 6),
        "q": statistics.quantiles(xs, n=4)[1],
    }


# case: {"n": 30}
def fib_memo(n: int) -> int:
    @lru_cache(maxsize=None)
    def fib(k: int) -> int:
        return k if k < 2 else fib(k - 1) + fib(k - 2)

    return fib(n)


# case: {"xs": [1, 2, 3, 4]}
def combos(xs: list[int]) -> dict[str, object]:
    return {
        "pairs": list(itertools.combinations(xs, 2))[:3],
        "perm": len(list(itertools.permutations(xs, 3))),
        "prod": list(itertools.product("ab", repeat=2)),
        "acc": list(itertools.accumulate(xs, operator.mul)),
        "zl": list(itertools.zip_longest(xs, [7, 8], fillvalue=-1)),
        "st": list(itertools.starmap(pow, [(2, 3), (3, 2)])),
        "cw": list(itertools.compress(xs, [1, 0, 1, 0])),
        "tw": list(itertools.takewhile(lambda v: v < 3, xs)),
    }


# case: {"obj": {"b": [1, 2.5, null], "a": "é"}}
def dumps(obj: dict[str, object]) -> list[str]:
    return [
        json.dumps(obj),
        json.dumps(obj, sort_keys=True, separators=(",", ":")),
        json.dumps(obj, ensure_ascii=False, indent=1),
    ]


# case: {"x": 5}
# case: {"x": "abc"}
def describe_value(x: Union[int, str]) -> str:
    if isinstance(x, str):
        return x.upper() * 2
    return "%05d|%-4s|%.2f|%x" % (x, x, x / 3, x)


# case: {"items": [["a", 3], ["b", 1], ["c", 2]]}
def ranked(items: list[tuple[str, int]]) -> list[str]:
    return [k for k, _ in sorted(items, key=operator.itemgetter(1), reverse=True)]


# case: {"names": ["b", "a"], "default": null}
def first_or(names: list[str], default: Optional[str]) -> Optional[str]:
    return next(iter(sorted(names)), default)
