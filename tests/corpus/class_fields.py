"""Class state set outside a constructor's displays: open containers typed by the methods that fill them, generic
containers, fields a later method sets first (fit/transform, lazily), hasattr on them, and a class named like a Rust
type."""
from typing import Dict, Generic, List, Optional, TypeVar

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class Window:
    def __init__(self, size: int) -> None:
        self.size = size
        self.values = []
        self.seen = {}

    def push(self, x: float, tag: str) -> None:
        self.values.append(x)
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if len(self.values) > self.size:
            self.values.pop(0)

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0


# case: {"xs": [1.0, 2.0, 6.0, -3.5], "size": 2}
# case: {"xs": [], "size": 3}
def window_means(xs: list[float], size: int) -> list[float]:
    w = Window(size)
    out = [w.mean()]
    for i, x in enumerate(xs):
        w.push(x, "even" if i % 2 == 0 else "odd")
        out.append(round(w.mean(), 4))
    return out + [float(n) for n in w.seen.values()]


class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: List[T] = []

    def peek(self) -> Optional[T]:
        return self._items[-1] if self._items else None

    def pop(self) -> T:
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def push(self, item: T) -> None:
        self._items.append(item)

    def __len__(self) -> int:
        return len(self._items)


# case: {"expr": "3 4 + 2 *"}
# case: {"expr": "1 +"}
# case: {"expr": "10 4 - 3 /"}
def eval_postfix(expr: str) -> float:
    st: Stack[float] = Stack()
    for tok in expr.split():
        if tok in ("+", "-", "*", "/"):
            b = st.pop()
            a = st.pop()
            st.push(a + b if tok == "+" else a - b if tok == "-" else a * b if tok == "*" else a / b)
        else:
            st.push(float(tok))
    top = st.peek()
    return top if top is not None and len(st) == 1 else float("nan")


class Index(Generic[K, V]):
    def __init__(self) -> None:
        self.by_key: Dict[K, List[V]] = {}

    def add(self, k: K, v: V) -> None:
        self.by_key.setdefault(k, []).append(v)

    def get(self, k: K) -> List[V]:
        return self.by_key.get(k, [])


# case: {"pairs": [["a", 1], ["b", 2], ["a", 3]]}
def group_ids(pairs: list[tuple[str, int]]) -> list[list[int]]:
    idx: Index[str, int] = Index()
    for k, v in pairs:
        idx.add(k, v)
    return [idx.get("a"), idx.get("b"), idx.get("zzz")]


class MinMaxScaler:
    def __init__(self, clip: bool = False) -> None:
        self.clip = clip

    def fit(self, xs: list[float]) -> "MinMaxScaler":
        self.lo = min(xs)
        self.hi = max(xs)
        return self

    def transform(self, xs: list[float]) -> list[float]:
        span = (self.hi - self.lo) or 1.0
        out = [(x - self.lo) / span for x in xs]
        return [min(1.0, max(0.0, v)) for v in out] if self.clip else out


# case: {"train": [2.0, 4.0, 10.0], "test": [3.0, 12.0], "clip": true}
# case: {"train": [5.0], "test": [5.0, 6.0], "clip": false}
def scale(train: list[float], test: list[float], clip: bool) -> list[float]:
    s = MinMaxScaler(clip)
    s.fit(train)
    return s.transform(test)


# case: {"test": [1.0]}
def scale_unfitted(test: list[float]) -> list[float]:
    s = MinMaxScaler()
    s.fit([0.0, 2.0]) if not test else None
    return s.transform(test)


class Patience:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.waited = 0

    def update(self, score: float) -> bool:
        if not hasattr(self, "best") or score > self.best:
            self.best = score
            self.waited = 0
        else:
            self.waited += 1
        return self.waited >= self.limit


# case: {"scores": [0.5, 0.6, 0.55, 0.58, 0.7, 0.69], "limit": 2}
# case: {"scores": [0.1], "limit": 1}
def stop_at(scores: list[float], limit: int) -> list[float]:
    p = Patience(limit)
    flags = [p.update(s) for s in scores]
    return [float(flags.index(True)) if True in flags else -1.0, p.best, float(hasattr(p, "limit")), float(hasattr(p, "nope"))]


class Vec:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __add__(self, other: "Vec") -> "Vec":
        return Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vec):
            return NotImplemented
        return self.x == other.x and self.y == other.y


# case: {"pts": [[1.0, 2.0], [0.5, -1.0]]}
def vec_total(pts: list[list[float]]) -> list[float]:
    acc = Vec(0.0, 0.0)
    for p in pts:
        acc = acc + Vec(p[0], p[1])
    return [acc.x, acc.y, float(acc == Vec(acc.x, acc.y))]
