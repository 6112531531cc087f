"""Matching text against text the way retrieval and eval code does: vocabulary overlap through dict views
(set-like keys and items), tee'd token streams, and fuzzy matching of model output to labels."""

from collections import Counter
from itertools import tee


# case: {"query": "how do cats sleep", "doc": "cats sleep a lot and cats purr"}
# case: {"query": "", "doc": "anything"}
def vocab_overlap(query: str, doc: str) -> list[list[str]]:
    q = Counter(query.lower().split())
    d = Counter(doc.lower().split())
    shared = q.keys() & d.keys()
    only_query = q.keys() - d.keys()
    either = q.keys() | d.keys()
    one_side = q.keys() ^ d.keys()
    return [sorted(shared), sorted(only_query), sorted(either), sorted(one_side)]


# case: {"gold": {"PER": 3, "LOC": 1, "ORG": 2}, "pred": {"PER": 3, "LOC": 2, "MISC": 1}}
def exact_label_counts(gold: dict[str, int], pred: dict[str, int]) -> dict[str, int]:
    agree = gold.items() & pred.items()
    missing = gold.keys() - pred.keys() - {"O"}
    extra = set(pred) - gold.keys()
    return {"agree": len(agree), "missing": len(missing), "extra": len(extra), "dot": sum(gold[k] * pred[k] for k in gold.keys() & pred)}


# case: {"tokens": ["the", "cat", "sat", "on", "the", "mat"]}
# case: {"tokens": ["solo"]}
def bigrams_and_rest(tokens: list[str]) -> list[list[str]]:
    a, b = tee(tokens)
    next(b, None)
    bigrams = [f"{x} {y}" for x, y in zip(a, b)]
    left, right = tee(tokens)
    head = [next(left, "<s>"), next(left, "<s>")]
    return [bigrams, head, list(left), list(right), list(left)]
