"""Optional parameters filled in at the top of a function (`if weights is None: weights = [...]`), then used as the
value they now hold: iterated, zipped, indexed, passed on. Also lookups whose default is of another type than the
dict's values, conditional tuples that may be empty, and sort keys that call a nested helper reading the enclosing
function's parameters."""
from typing import Dict, List, Optional, Tuple


# case: {"rankings": [["a", "b", "c"], ["c", "a"]]}
# case: {"rankings": [["a", "b"], ["b"]], "weights": [0.5, 2.5]}
# case: {"rankings": [["a"]], "weights": [0.5, 0.5]}
def fuse_rankings(rankings: List[List[str]], weights: Optional[List[float]] = None, k: int = 10) -> List[Tuple[str, float]]:
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"expected {len(rankings)} weights, got {len(weights)}")
    scores: Dict[str, float] = {}
    for w, ranking in zip(weights, rankings):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    return sorted(((item, round(s, 6)) for item, s in scores.items()), key=lambda kv: -kv[1])


# case: {"tokens": ["hello", "world"]}
# case: {"tokens": ["hello", "world"], "stop": ["world"]}
def strip_stop_words(tokens: List[str], stop: Optional[List[str]] = None) -> List[str]:
    if stop is None:
        stop = []
        for t in tokens:
            if len(t) <= 2:
                stop.append(t)
    stop.sort()
    kept = [t for t in tokens if t not in stop]
    return kept + [f"stop={','.join(stop)}"]


# case: {"text": "a b c"}
# case: {"text": "a b c", "sep": ","}
def split_fields(text: str, sep: Optional[str] = None) -> List[str]:
    if sep is None:
        sep = " "
    elif not sep:
        raise ValueError("empty separator")
    parts = text.split(sep)
    return [p.strip().upper() for p in parts if p.strip()]


# case: {"word": "lowest", "merges": [["l", "o"], ["lo", "w"], ["e", "s"], ["es", "t"]]}
# case: {"word": "xyz", "merges": [["l", "o"]]}
def apply_merges(word: str, merges: List[List[str]]) -> List[str]:
    ranks = {(a, b): i for i, (a, b) in enumerate(merges)}
    symbols = list(word)
    while len(symbols) > 1:
        best = min(((ranks.get((symbols[i], symbols[i + 1]), float("inf")), i) for i in range(len(symbols) - 1)))
        if best[0] == float("inf"):
            break
        i = best[1]
        symbols = symbols[:i] + [symbols[i] + symbols[i + 1]] + symbols[i + 2 :]
    return symbols


# case: {"counts": {"a": 3, "b": 1}, "keys": ["a", "z"]}
def describe_counts(counts: Dict[str, int], keys: List[str]) -> List[str]:
    return [f"{k}={counts.get(k, 'missing')}" for k in keys] + [str(counts.get(k, 0.5)) for k in keys]


# case: {"generated": [5, 6, 7, 5, 6], "n": 3}
# case: {"generated": [5, 6], "n": 1}
# case: {"generated": [1, 2], "n": 4}
def last_ngram(generated: List[int], n: int) -> List[int]:
    prefix = tuple(generated[len(generated) - n + 1 :]) if n > 1 else ()
    return list(prefix) + [len(prefix)]


# case: {"scores": [[1.5, 2.5], [0.5], [3.0, 1.0, 2.0]], "penalty": 1.0}
# case: {"scores": [[1.5, 2.5], [0.5], [3.0, 1.0, 2.0]], "penalty": 2.5}
def rank_by_normalized(scores: List[List[float]], penalty: float) -> List[int]:
    def normalized(i: int) -> float:
        return sum(scores[i]) / (len(scores[i]) ** penalty)

    order = sorted(range(len(scores)), key=lambda i: (-normalized(i), i))
    return order


# case: {"pairs": [[1, 2], [3, 4], [5, 6]]}
# case: {"pairs": [[1, 2], [3]]}
def weighted_pair_products(pairs: List[List[int]]) -> Tuple[int, List[int], Dict[int, int]]:
    total = sum(i * a * b for i, (a, b) in enumerate(pairs))
    firsts = [a for _, (a, _b) in zip(range(2), pairs)]
    index = {a: i for i, (a, b) in enumerate(pairs) if b > a}
    return total, firsts, index
