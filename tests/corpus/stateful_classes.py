"""Classes whose methods change their object (counters, queues, caches, builders, accumulators), as model-serving code
writes them: each call of such a method changes the caller's object, as in CPython."""
import re
from collections import OrderedDict, defaultdict, deque
from typing import Optional


class TokenBudget:
    """Counts tokens spent per request and refuses a request past the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.refused: list[str] = []

    def spend(self, request: str, tokens: int) -> bool:
        if self.used + tokens > self.limit:
            self.refused.append(request)
            return False
        self.used += tokens
        return True

    @property
    def remaining(self) -> int:
        return self.limit - self.used


# case: {"requests": {"a": 10, "b": 50, "c": 30, "d": 5}, "limit": 60}
# case: {"requests": {}, "limit": 1}
def admit(requests: dict[str, int], limit: int) -> list[object]:
    budget = TokenBudget(limit)
    admitted = [r for r, n in requests.items() if budget.spend(r, n)]
    return [admitted, budget.refused, budget.remaining]


class BeamQueue:
    """A bounded queue of the best hypotheses, kept sorted by score."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.items: list[tuple[float, str]] = []
        self.dropped = 0

    def push(self, score: float, text: str) -> None:
        self.items.append((score, text))
        self.items.sort(key=lambda p: -p[0])
        while len(self.items) > self.width:
            self.items.pop()
            self.dropped += 1

    def pop_best(self) -> str:
        if not self.items:
            raise IndexError("empty beam")
        return self.items.pop(0)[1]


# case: {"scored": [[0.5, "a"], [0.9, "b"], [0.1, "c"], [0.7, "d"]], "width": 2}
# case: {"scored": [], "width": 3}
def best_two(scored: list[tuple[float, str]], width: int) -> list[str]:
    q = BeamQueue(width)
    for s, t in scored:
        q.push(s, t)
    out = []
    for _ in range(2):
        try:
            out.append(q.pop_best())
        except IndexError as e:
            out.append(f"<{e}>")
    out.append(str(q.dropped))
    return out


class LRU:
    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[str, float] = OrderedDict()
        self.evicted: list[str] = []

    def get(self, key: str) -> Optional[float]:
        if key not in self.data:
            return None
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key: str, value: float) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.size:
            old, _ = self.data.popitem(last=False)
            self.evicted.append(old)


# case: {"keys": ["a", "b", "a", "c", "d", "a"], "size": 2}
# case: {"keys": ["x"], "size": 1}
def embed_with_cache(keys: list[str], size: int) -> list[object]:
    cache = LRU(size)
    misses = 0
    for k in keys:
        if cache.get(k) is None:
            misses += 1
            cache.put(k, float(len(k) * 10 + misses))
    return [misses, list(cache.data.items()), cache.evicted]


class Welford:
    def __init__(self) -> None:
        self.count = 0
        self.mean = 0.0
        self.m2 = 0.0

    def add(self, x: float) -> "Welford":
        self.count += 1
        d = x - self.mean
        self.mean += d / self.count
        self.m2 += d * (x - self.mean)
        return self

    @property
    def var(self) -> float:
        return self.m2 / self.count if self.count else 0.0


class FeatureStats:
    """One accumulator per feature name, held in a dict field: `self.stats[name].add(x)` changes the held one."""

    def __init__(self) -> None:
        self.stats: dict[str, Welford] = {}
        self.rows = 0

    def observe(self, row: dict[str, float]) -> None:
        self.rows += 1
        for k, v in row.items():
            if k not in self.stats:
                self.stats[k] = Welford()
            self.stats[k].add(v)

    def summary(self) -> dict[str, list[float]]:
        return {k: [round(self.stats[k].mean, 4), round(self.stats[k].var, 4)] for k in sorted(self.stats)}


# case: {"rows": [{"a": 1.0, "b": 2.0}, {"a": 3.0}, {"a": 5.0, "b": 4.0}]}
# case: {"rows": []}
def feature_summary(rows: list[dict[str, float]]) -> dict[str, list[float]]:
    fs = FeatureStats()
    for r in rows:
        fs.observe(r)
    out = fs.summary()
    out["rows"] = [float(fs.rows)]
    return out


# case: {"xs": [1.0, 2.0, 4.0]}
# case: {"xs": []}
def chained_welford(xs: list[float]) -> list[float]:
    w = Welford()
    for i in range(0, len(xs) - 1, 2):
        w.add(xs[i]).add(xs[i + 1])
    if len(xs) % 2:
        w = w.add(xs[-1])
    return [float(w.count), round(w.mean, 6), round(w.var, 6)]


class Layer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    def __call__(self, x: list[float]) -> list[float]:
        self.calls += 1
        return [max(0.0, v) for v in x]


class Model:
    """Layers in a list field, each changed by its own call; a counter changed by `self.step()`."""

    def __init__(self, depth: int) -> None:
        self.layers = [Layer(f"l{i}") for i in range(depth)]
        self.steps = 0

    def step(self) -> int:
        self.steps += 1
        return self.steps

    def forward(self, x: list[float]) -> list[float]:
        self.step()
        for i in range(len(self.layers)):
            x = self.layers[i](x)
        return x


# case: {"batches": [[1.0, -2.0], [-1.0, 3.0]], "depth": 2}
def run_model(batches: list[list[float]], depth: int) -> list[object]:
    m = Model(depth)
    outs = [m.forward(b) for b in batches]
    return [outs, m.steps, [layer.calls for layer in m.layers]]


class SparseVector:
    def __init__(self) -> None:
        self._data: dict[int, float] = defaultdict(float)

    def __setitem__(self, i: int, v: float) -> None:
        if v == 0.0:
            self._data.pop(i, None)
        else:
            self._data[i] = v

    def __getitem__(self, i: int) -> float:
        return self._data.get(i, 0.0)

    def __delitem__(self, i: int) -> None:
        del self._data[i]

    def __iadd__(self, other: dict[int, float]) -> "SparseVector":
        for i, v in other.items():
            self[i] = self[i] + v
        return self

    def __len__(self) -> int:
        return len(self._data)


# case: {"updates": [{"1": 0.5, "3": 1.0}, {"1": -0.5, "2": 2.0}], "drop": 2}
# case: {"updates": [], "drop": 0}
def sparse_updates(updates: list[dict[str, float]], drop: int) -> list[object]:
    vec = SparseVector()
    for u in updates:
        vec += {int(k): v for k, v in u.items()}
    try:
        del vec[drop]
    except KeyError:
        return ["missing", len(vec)]
    return [len(vec), vec[3], vec[1]]


class Schedule:
    def __init__(self, base: float) -> None:
        self._lr = base
        self.history: list[float] = []

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, v: float) -> None:
        if v < 0:
            raise ValueError(f"negative learning rate {v}")
        self.history.append(self._lr)
        self._lr = v


# case: {"factors": [0.5, 0.5, 2.0]}
# case: {"factors": [0.5, -1.0]}
def decay(factors: list[float]) -> list[object]:
    s = Schedule(0.1)
    try:
        for f in factors:
            s.lr = s.lr * f
    except ValueError as e:
        return [str(e), s.history]
    return [round(s.lr, 6), s.history]


class Window:
    def __init__(self, n: int) -> None:
        self.buf: deque[int] = deque(maxlen=n)

    def push(self, x: int) -> Optional[float]:
        self.buf.append(x)
        if len(self.buf) < (self.buf.maxlen or 0):
            return None
        return sum(self.buf) / len(self.buf)


# case: {"xs": [3, 1, 4, 1, 5, 9], "n": 3}
def rolling(xs: list[int], n: int) -> list[float]:
    w = Window(n)
    return [m for m in (w.push(x) for x in xs) if m is not None]


class Batch:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.ids: list[int] = []
        self.sizes: list[int] = []

    def add(self, seq: list[int]) -> None:
        self.ids.extend(seq)
        self.sizes.append(len(seq))

    def room(self) -> int:
        return self.limit - len(self.ids)


def _fill(batch: Batch, seqs: list[list[int]]) -> int:
    """A module function that changes the batch it is given: the caller's batch, as in CPython."""
    taken = 0
    for s in seqs:
        if len(s) > batch.room():
            break
        batch.add(s)
        taken += 1
    return taken


# case: {"seqs": [[1, 2], [3], [4, 5, 6], [7]], "limit": 3}
# case: {"seqs": [], "limit": 2}
def pack_batches(seqs: list[list[int]], limit: int) -> list[list[int]]:
    batches = [Batch(limit)]
    rest = seqs
    while rest:
        n = _fill(batches[-1], rest)
        if n == 0:
            if not batches[-1].sizes:
                rest = rest[1:]
                continue
            batches.append(Batch(limit))
        rest = rest[n:]
    return [b.sizes for b in batches]


class Labels:
    """`__init__` fills itself through its own methods once its fields exist."""

    def __init__(self, names: list[str], extra: str) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []
        self.resets: int = 0
        for n in names:
            self.add(n)
        self.add(extra)
        self.reset_counts()

    def add(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]

    def reset_counts(self) -> None:
        self.resets += 1


# case: {"names": ["cat", "dog", "cat"], "extra": "<unk>", "query": ["dog", "bird"]}
# case: {"names": [], "extra": "x", "query": []}
def label_ids(names: list[str], extra: str, query: list[str]) -> list[object]:
    labels = Labels(names, extra)
    return [labels.names, [labels.index.get(q, -1) for q in query], labels.resets]


class Splitter:
    """Sentences split at end punctuation, but not after known abbreviations; the test mixes a match and a bool."""

    ABBREV = {"dr", "mr", "e.g"}

    def __init__(self) -> None:
        self.done: list[str] = []
        self.words: list[str] = []

    def feed(self, w: str) -> None:
        self.words.append(w)
        if re.search(r"[.!?]$", w) and w.rstrip(".").lower() not in self.ABBREV:
            self.done.append(" ".join(self.words))
            self.words = []


# case: {"text": "Dr. Who arrived. Mr. X left! ok"}
# case: {"text": ""}
def sentences(text: str) -> list[str]:
    sp = Splitter()
    for w in text.split():
        sp.feed(w)
    if not (sp.words or re.match(r"\s*$", text) is None):
        return sp.done + ["<empty tail>"]
    return sp.done + ([" ".join(sp.words)] if sp.words else [])


class LossMeter:
    """Its state is created by `reset()`, which `__init__` calls, as PyTorch training loops write it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.reset()

    def reset(self) -> None:
        self.total = 0.0
        self.count = 0

    def update(self, loss: float, n: int = 1) -> None:
        self.total += loss * n
        self.count += n

    def __str__(self) -> str:
        return f"{self.name}={self.total / max(self.count, 1):.3f}"


# case: {"epochs": [[0.5, 0.25], [0.125]]}
# case: {"epochs": [[]]}
def epoch_log(epochs: list[list[float]]) -> list[str]:
    meter = LossMeter("loss")
    out = []
    for losses in epochs:
        for x in losses:
            meter.update(x, 2)
        out.append(str(meter))
        meter.reset()
    return out
