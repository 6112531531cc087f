"""Module-level state held by objects and filled lazily: a metrics tracker instance whose methods change it, a model
slot loaded on first use (`global _model; if _model is None: ...`), caches with no annotation typed by what is stored
in them, best-so-far scalars, tuple assignment to several globals, and a local that names a module-level dict. Each
call starts from the import's state on both sides."""

import random
import threading
from typing import Dict, List, Optional, Tuple


class Meter:
    def __init__(self) -> None:
        self.values: List[float] = []
        self.best = float("-inf")

    def update(self, v: float) -> None:
        self.values.append(v)
        if v > self.best:
            self.best = v

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0


class Scaler:
    def __init__(self, factor: float) -> None:
        self.factor = factor

    def apply(self, x: float) -> float:
        return x * self.factor


METER = Meter()
_model: Optional[Scaler] = None
_lengths = {}
_buckets = {}
_best_name = None
_lo = 0.0
_hi = 1.0
LABELS: Dict[int, str] = {0: "neg", 1: "pos"}


def model() -> Scaler:
    global _model
    if _model is None:
        _model = Scaler(2.5)
    return _model


# case: {"xs": [1.0, 4.0, 2.0]}
# case: {"xs": []}
def track(xs: List[float]) -> Tuple[float, float, int]:
    scaler = model()
    for x in xs:
        METER.update(scaler.apply(x))
    return METER.mean(), METER.best if xs else 0.0, len(METER.values)


def length(word: str) -> int:
    if word not in _lengths:
        _lengths[word] = len(word)
    return _lengths[word]


# case: {"words": ["kernel", "gpu", "kernel", "a"]}
def word_lengths(words: List[str]) -> Tuple[List[int], int]:
    return [length(w) for w in words], len(_lengths)


# case: {"pairs": [["fast", 0.9], ["slow", 0.2], ["fast", 0.7]]}
def bucketize(pairs: List[Tuple[str, float]]) -> Dict[str, List[float]]:
    for name, score in pairs:
        if name not in _buckets:
            _buckets[name] = []
        _buckets[name].append(round(score * 10) / 10)
    return _buckets


# case: {"scores": {"bert": 0.81, "t5": 0.93, "gpt": 0.88}}
def pick_best(scores: Dict[str, float]) -> str:
    global _best_name
    best = float("-inf")
    for name, s in scores.items():
        if s > best:
            best = s
            _best_name = name
    return _best_name if _best_name is not None else "none"


# case: {"values": [0.3, -1.0, 2.5]}
def fit_range(values: List[float]) -> Tuple[float, float]:
    global _lo, _hi
    _lo, _hi = min(values + [_lo]), max(values + [_hi])
    return _lo, _hi


# case: {"preds": [1, 0, 2, 1]}
def name_labels(preds: List[int]) -> List[str]:
    table = LABELS
    table[2] = "neutral"
    return [LABELS.get(p, "?") for p in preds]


_lock = threading.Lock()
_rlock = threading.RLock()
_served: Dict[str, int] = {}


def _count(key: str) -> int:
    with _rlock:
        _served[key] = _served.get(key, 0) + 1
        return _served[key]


# case: {"keys": ["a", "b", "a", "a"]}
def serve(keys: List[str]) -> Tuple[List[int], bool]:
    out = []
    for k in keys:
        with _lock:
            with _rlock:
                out.append(_count(k))
    return out, _lock.locked()


_rng = random.Random(1234)


# case: {"n": 3}
# case: {"n": 1}
def sample_ids(n: int) -> List[int]:
    return [_rng.randrange(1000) for _ in range(n)]


# case: {"items": ["a", "b", "c", "d"]}
def shuffled(items: List[str]) -> List[str]:
    _rng.shuffle(items)
    return items + [str(METER.best)]


def make_meter() -> Meter:
    return Meter()


LATENCY = make_meter()


# case: {"ms": [12.5, 8.0, 30.25]}
def record_latency(ms: List[float]) -> Tuple[float, int]:
    for x in ms:
        LATENCY.update(x)
    return LATENCY.best, len(LATENCY.values)
