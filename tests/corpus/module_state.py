"""Module-level state as model-serving code keeps it: a call log a decorator appends to, memo caches, step counters
behind `global`, a lazily built vocabulary, Counter/defaultdict/deque statistics, a config dict changed in place, and
a local that names a module list. Every call starts from the state the import left (both sides run each call in a
fresh module), and each function's result depends on what the earlier calls in it did to that state."""

import functools
from collections import Counter, defaultdict, deque
from typing import Callable, Deque, Dict, List, Optional, Tuple

CALLS: List[str] = []
_memo: Dict[Tuple[int, int], int] = {}
_steps = 0
_lr = 0.1
_vocab: Optional[Dict[str, int]] = None
STATS: Counter = Counter()
BUCKETS: Dict[str, List[float]] = defaultdict(list)
WINDOW: Deque[float] = deque(maxlen=3)
SETTINGS = {"beam": 4, "max_len": 32}
_seen = set()
_history = []


def logged(fn: Callable[..., float]) -> Callable[..., float]:
    @functools.wraps(fn)
    def inner(*args: float) -> float:
        CALLS.append(fn.__qualname__)
        return fn(*args)

    return inner


@logged
def normalize(x: float, scale: float) -> float:
    return x / scale


@logged
def clip(x: float, hi: float) -> float:
    return min(x, hi)


# case: {"xs": [3.0, 9.0, 12.0]}
def postprocess(xs: List[float]) -> Tuple[List[float], List[str]]:
    out = [clip(normalize(x, 3.0), 3.5) for x in xs]
    return out, CALLS


def paths(r: int, c: int) -> int:
    if (r, c) in _memo:
        return _memo[(r, c)]
    n = 1 if r == 0 or c == 0 else paths(r - 1, c) + paths(r, c - 1)
    _memo[(r, c)] = n
    return n


# case: {"r": 6, "c": 5}
def grid_paths(r: int, c: int) -> Tuple[int, int]:
    return paths(r, c), len(_memo)


def step(loss: float) -> float:
    global _steps, _lr
    _steps += 1
    if _steps % 2 == 0:
        _lr *= 0.5
    return loss * _lr


# case: {"losses": [1.0, 2.0, 4.0, 8.0]}
# case: {"losses": []}
def train(losses: List[float]) -> Tuple[List[float], int, float]:
    scaled = [step(l) for l in losses]
    return scaled, _steps, _lr


def vocab() -> Dict[str, int]:
    global _vocab
    if _vocab is None:
        _vocab = {w: i for i, w in enumerate(["<unk>", "the", "model", "is", "fast"])}
    return _vocab


# case: {"text": "the model is very fast"}
def encode(text: str) -> List[int]:
    v = vocab()
    return [v.get(w, v["<unk>"]) for w in text.split()]


# case: {"batches": [["a", "b", "a"], ["b", "c"], ["a"]]}
def token_stats(batches: List[List[str]]) -> List[Tuple[str, int]]:
    for b in batches:
        STATS.update(b)
    return STATS.most_common(2)


# case: {"labels": ["pos", "neg", "pos"], "scores": [0.5, 0.25, 1.5]}
def mean_by_label(labels: List[str], scores: List[float]) -> Dict[str, float]:
    for lab, s in zip(labels, scores):
        BUCKETS[lab].append(s)
    return {k: sum(v) / len(v) for k, v in sorted(BUCKETS.items())}


# case: {"values": [1.0, 2.0, 6.0, 3.0]}
def rolling(values: List[float]) -> List[float]:
    out: List[float] = []
    for v in values:
        WINDOW.append(v)
        out.append(sum(WINDOW) / len(WINDOW))
    return out


# case: {"beam": 8}
def configure(beam: int) -> Dict[str, int]:
    SETTINGS["beam"] = beam
    SETTINGS["max_len"] += beam
    return SETTINGS


# case: {"ids": [4, 2, 4, 7, 2]}
def first_seen(ids: List[int]) -> List[int]:
    fresh = []
    for i in ids:
        if i not in _seen:
            _seen.add(i)
            fresh.append(i)
    return fresh


# case: {"events": ["load", "predict", "predict"]}
def remember(events: List[str]) -> Tuple[List[str], int]:
    log = _history
    for e in events:
        log.append(e.upper())
    n = len(_history)
    del _history[0]
    return _history, n


# case: {"keys": [[0, 0], [3, 2], [9, 9]]}
def forget(keys: List[List[int]]) -> Tuple[int, int]:
    paths(3, 3)
    before = len(_memo)
    for k in keys:
        _memo.pop((k[0], k[1]), None)
    return before, len(_memo)


# case: {"n": 3}
def reset_steps(n: int) -> int:
    global _steps
    _steps = 100
    for _ in range(n):
        step(1.0)
    _steps -= 1
    return _steps


_buffer: Optional[List[int]] = None
PRIORITY: Dict[str, float] = {"high": 0.1, "low": 0.9, "mid": 0.5}
QUEUE = ["low", "high", "mid"]
_ids: Dict[str, int] = {}


# case: {"xs": [5, 6]}
def buffered(xs: List[int]) -> int:
    global _buffer
    for x in xs:
        if _buffer is None:
            _buffer = []
        _buffer.append(x)
    return len(_buffer) if _buffer is not None else -1


# case: {"extra": "urgent"}
def reorder(extra: str) -> List[str]:
    QUEUE.sort(key=lambda k: PRIORITY[k])
    QUEUE[1:2] = [extra, QUEUE[1]]
    del QUEUE[-1]
    return QUEUE


# case: {"tokens": ["b", "a", "b", "c"]}
def token_ids(tokens: List[str]) -> Tuple[List[int], int]:
    ids = [_ids.setdefault(t, len(_ids)) for t in tokens]
    return ids, len(_ids)
