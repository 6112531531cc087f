"""Classes whose `__init__` delegates to helper methods that set fields or compute them: an index built by
`self._build()`, statistics fitted by a `_fit` that calls `_mean`/`_var` in turn, a vocabulary seeded by a helper
taking arguments, and a subclass overriding a helper its base's `__init__` calls."""
import math
from typing import Dict, List


class InvertedIndex:
    def __init__(self, docs: List[str]) -> None:
        self.docs = [d.lower().split() for d in docs]
        self.postings: Dict[str, List[int]] = {}
        self.df: Dict[str, int] = {}
        self._build()
        self.idf = self._compute_idf(len(self.docs))

    def _build(self) -> None:
        for i, words in enumerate(self.docs):
            for w in sorted(set(words)):
                self.postings.setdefault(w, []).append(i)
                self.df[w] = self.df.get(w, 0) + 1

    def _compute_idf(self, n: int) -> Dict[str, float]:
        out: Dict[str, float] = {}
        for w, f in self.df.items():
            out[w] = round(math.log((n + 1) / (f + 0.5)), 4)
        return out

    def search(self, word: str) -> List[int]:
        return self.postings.get(word.lower(), [])


# case: {"docs": ["The cat sat", "the dog", "A cat and a dog"], "query": "cat"}
# case: {"docs": ["x"], "query": "y"}
def index_search(docs: List[str], query: str) -> Dict[str, object]:
    ix = InvertedIndex(docs)
    return {"hits": ix.search(query), "idf": ix.idf.get(query.lower(), 0.0), "terms": len(ix.df)}


class Standardizer:
    def __init__(self, xs: List[float], eps: float = 1e-6) -> None:
        self.xs = xs
        self.eps = eps
        self._fit()

    def _fit(self) -> None:
        self.mu = self._mean()
        self.sigma = math.sqrt(self._var() + self.eps)

    def _mean(self) -> float:
        return sum(self.xs) / len(self.xs)

    def _var(self) -> float:
        m = self.mu
        return sum((x - m) ** 2 for x in self.xs) / len(self.xs)

    def apply(self, x: float) -> float:
        return round((x - self.mu) / self.sigma, 4)


# case: {"xs": [1.5, 2.5, 4.0, 8.0], "probe": [2.5, 10.5]}
def standardize(xs: List[float], probe: List[float]) -> List[float]:
    s = Standardizer(xs)
    return [s.apply(p) for p in probe]


class Vocab:
    def __init__(self, tokens: List[str], specials: List[str]) -> None:
        self.itos: List[str] = []
        self.stoi: Dict[str, int] = {}
        for sp in specials:
            self._add(sp)
        for t in tokens:
            self._add(t.lower(), min_len=2)

    def _add(self, tok: str, min_len: int = 0) -> None:
        if len(tok) < min_len or tok in self.stoi:
            return
        self.stoi[tok] = len(self.itos)
        self.itos.append(tok)


# case: {"tokens": ["Hello", "a", "world", "hello", "NEW"], "specials": ["<pad>", "<s>"]}
def build_vocab(tokens: List[str], specials: List[str]) -> List[str]:
    return Vocab(tokens, specials).itos


class Scorer:
    def __init__(self, weights: List[float]) -> None:
        self.weights = weights
        self.total = self._norm()

    def _norm(self) -> float:
        return sum(self.weights)

    def score(self, xs: List[float]) -> float:
        return round(sum(w * x for w, x in zip(self.weights, xs)) / self.total, 4)


class L2Scorer(Scorer):
    def _norm(self) -> float:
        return math.sqrt(sum(w * w for w in self.weights))


# case: {"weights": [3.0, 4.0], "xs": [1.5, 0.5]}
def both_scores(weights: List[float], xs: List[float]) -> List[float]:
    return [Scorer(weights).score(xs), L2Scorer(weights).score(xs)]


class Batcher:
    def __init__(self, items: List[str], size: int) -> None:
        self.batches: List[List[str]] = []
        self.dropped: List[str] = []
        self._split(items, size, self.batches)
        self._collect_short(self.batches, size, self.dropped)

    def _split(self, items: List[str], size: int, out: List[List[str]]) -> None:
        for i in range(0, len(items), size):
            out.append(items[i : i + size])

    def _collect_short(self, batches: List[List[str]], size: int, into: List[str]) -> None:
        for b in batches:
            if len(b) < size:
                into.extend(b)


# case: {"items": ["a", "b", "c", "d", "e"], "size": 2}
# case: {"items": [], "size": 3}
def batch_items(items: List[str], size: int) -> Dict[str, List[List[str]]]:
    b = Batcher(items, size)
    return {"batches": b.batches, "dropped": [b.dropped]}
