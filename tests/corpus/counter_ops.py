"""Token counting for NLP pre-processing with Counter arithmetic: overlap between a hypothesis and references
(BLEU-style clipping with &), vocabulary growth with +, removed tokens with -, and de-duplication in order."""
from collections import Counter
from typing import Dict, List, Tuple


# case: {"hyp": "the the cat sat", "ref": "the cat the mat the"}
# case: {"hyp": "", "ref": "a b"}
def clipped_overlap(hyp: str, ref: str) -> Dict[str, int]:
    h, r = Counter(hyp.split()), Counter(ref.split())
    common = h & r
    return {"overlap": common.total(), "hyp": h.total(), "union": (h | r).total()}


# case: {"docs": ["a b a", "b c", "c c d"]}
def merged_counts(docs: List[str]) -> List[Tuple[str, int]]:
    total: Counter = Counter()
    for d in docs:
        total = total + Counter(d.split())
    return total.most_common(3)


# case: {"before": "a a b c c c", "after": "a c d"}
def removed_tokens(before: str, after: str) -> Dict[str, List]:
    b, a = Counter(before.split()), Counter(after.split())
    gone = b - a
    diff = Counter(before.split())
    diff.subtract(after.split())
    return {"gone": sorted(gone.elements()), "diff": sorted(diff.items()), "neg": sorted((-diff).items())}


# case: {"words": ["Tok", "tok", "b", "TOK", "a", "b"]}
def first_seen_lower(words: List[str]) -> List[str]:
    return list(dict.fromkeys(w.lower() for w in words))


# case: {"labels": ["x", "y", "x"], "extra": ["y", "z"]}
def label_weights(labels: List[str], extra: List[str]) -> Dict[str, float]:
    counts = Counter(labels) + Counter(extra)
    n = counts.total()
    weights = dict.fromkeys(sorted(counts), 0.0)
    for k in weights:
        weights[k] = round(counts[k] / n, 4)
    return weights
