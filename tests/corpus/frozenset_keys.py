"""frozenset as a value: dict keys and set items made of feature and label sets, tuple keys holding frozensets,
module-level tables keyed by frozensets, the operators and methods, and sorted() of a frozenset."""

from typing import Dict, FrozenSet, List, Set, Tuple

ADAPTER_PRICES: Dict[FrozenSet[str], float] = {
    frozenset(): 0.0,
    frozenset({"lora"}): 0.2,
    frozenset({"lora", "quant"}): 0.35,
    frozenset({"quant"}): 0.1,
}
RESERVED: FrozenSet[str] = frozenset(["<pad>", "<unk>", "<s>", "</s>"])


# case: {"adapters": ["quant", "lora"]}
# case: {"adapters": ["lora", "prefix"]}
# case: {"adapters": []}
def adapter_price(adapters: List[str]) -> float:
    key = frozenset(adapters)
    if key in ADAPTER_PRICES:
        return ADAPTER_PRICES[key]
    known: FrozenSet[str] = frozenset()
    for k in ADAPTER_PRICES:
        known = known | k
    return ADAPTER_PRICES.get(key & known, 0.0) + 0.05 * len(key - known)


# case: {"vocab": ["<pad>", "hello", "<s>", "world", "hello"]}
def user_tokens(vocab: List[str]) -> List[str]:
    return sorted(frozenset(vocab) - RESERVED)


# case: {"labels": [["spam", "ads"], ["ads", "spam"], ["ham"], [], ["ham"], ["spam"]]}
def label_set_counts(labels: List[List[str]]) -> List[Tuple[List[str], int]]:
    counts: Dict[FrozenSet[str], int] = {}
    for ls in labels:
        k = frozenset(ls)
        counts[k] = counts.get(k, 0) + 1
    return sorted((sorted(k), v) for k, v in counts.items())


# case: {"pairs": [["a", "b"], ["b", "a"], ["a", "c"], ["c", "c"]]}
def undirected_edges(pairs: List[List[str]]) -> int:
    edges: Set[FrozenSet[str]] = set()
    for u, v in pairs:
        edges.add(frozenset((u, v)))
    return len(edges)


# case: {"model": "bert", "runs": [["fp16", "fused"], ["fused", "fp16"], ["fp32"]]}
def run_cache(model: str, runs: List[List[str]]) -> List[int]:
    cache: Dict[Tuple[str, FrozenSet[str]], int] = {}
    hits: List[int] = []
    for i, opts in enumerate(runs):
        key = (model, frozenset(opts))
        if key in cache:
            hits.append(cache[key])
        else:
            cache[key] = i
            hits.append(-1)
    return hits


# case: {"a": ["x", "y", "z"], "b": ["y", "w"]}
# case: {"a": [], "b": ["q"]}
def jaccard_report(a: List[str], b: List[str]) -> Dict[str, float]:
    fa, fb = frozenset(a), frozenset(b)
    union = fa | fb
    inter = fa & fb
    return {
        "jaccard": len(inter) / len(union) if union else 1.0,
        "only_a": float(len(fa - fb)),
        "sym": float(len(fa ^ fb)),
        "subset": float(fa <= fb),
        "disjoint": float(fa.isdisjoint(b)),
        "same_hash": float(hash(fa) == hash(frozenset(reversed(a)))),
    }


# case: {"features": ["age", "income", "zip"]}
def leave_one_out(features: List[str]) -> List[str]:
    full = frozenset(features)
    subsets = {full.difference([f]) for f in full}
    return sorted("+".join(sorted(s)) for s in subsets)
