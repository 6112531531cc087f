"""Buckets kept in a defaultdict and read back one by one: reading `buckets[k]` may insert an empty bucket, so each
read changes the dict; the name bound to the bucket is bound again at the next read, so no stale copy is read."""
from collections import defaultdict
from typing import Dict, List, Tuple


# case: {"confidences": [0.95, 0.85, 0.72, 0.66, 0.31, 0.99], "correct": [true, true, false, true, false, true]}
# case: {"confidences": [0.5], "correct": [false]}
def calibration_bins(confidences: List[float], correct: List[bool], n_bins: int = 4) -> Dict[str, float]:
    bins: Dict[int, List[Tuple[float, bool]]] = defaultdict(list)
    for conf, ok in zip(confidences, correct):
        bins[min(int(conf * n_bins), n_bins - 1)].append((conf, ok))
    ece = 0.0
    for idx in range(n_bins):
        members = bins[idx]
        if not members:
            continue
        avg = sum(c for c, _ in members) / len(members)
        acc = sum(1 for _, ok in members if ok) / len(members)
        ece += len(members) / len(confidences) * abs(avg - acc)
    return {"ece": round(ece, 6), "bins": len(bins)}


# case: {"words": ["apple", "avocado", "banana", "blueberry", "cherry"]}
def longest_per_letter(words: List[str]) -> Dict[str, str]:
    by_letter: Dict[str, List[str]] = defaultdict(list)
    for w in words:
        by_letter[w[0]].append(w)
    out: Dict[str, str] = {}
    for letter in "abcz":
        group = by_letter[letter]
        out[letter] = max(group, key=len) if group else "-"
    return out
