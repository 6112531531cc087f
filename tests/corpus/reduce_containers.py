"""functools.reduce with an empty container to start from (Counter(), {}, set(), []) and operator functions as
values in map/sorted/reduce, as evaluation and vocabulary code merges per-batch results."""
import operator
from collections import Counter
from functools import reduce
from typing import Dict, List, Tuple


# case: {"batches": [["the", "cat"], ["the", "dog", "the"]]}
# case: {"batches": []}
def merged_counts(batches: List[List[str]]) -> List[Tuple[str, int]]:
    total = reduce(lambda acc, b: acc + Counter(b), batches, Counter())
    return sorted(total.items())


def _add_scores(acc: Dict[str, float], item: Dict[str, float]) -> Dict[str, float]:
    merged = dict(acc)
    for k, v in item.items():
        merged[k] = merged.get(k, 0.0) + v
    return merged


# case: {"runs": [{"acc": 0.5, "f1": 0.25}, {"acc": 0.25}]}
# case: {"runs": []}
def summed_metrics(runs: List[Dict[str, float]]) -> Dict[str, float]:
    return reduce(_add_scores, runs, {})


# case: {"docs": [["b", "a"], ["c", "a"], []]}
def vocabulary(docs: List[List[str]]) -> List[str]:
    return sorted(reduce(operator.or_, [set(d) for d in docs], set()))


# case: {"spans": [[0, 2], [5, 6], [1, 3]]}
def covered_positions(spans: List[List[int]]) -> List[int]:
    covered = reduce(lambda s, sp: s | set(range(sp[0], sp[1])), spans, set())
    return sorted(covered)


# case: {"rows": [[1, 2], [3], [4, 5, 6]]}
def concat_rows(rows: List[List[int]]) -> List[int]:
    return reduce(operator.add, rows, [])


# case: {"xs": [2, 5, 1, 7, 3]}
# case: {"xs": []}
def prefix_max(xs: List[int]) -> List[int]:
    return reduce(lambda acc, x: acc + [x if not acc else max(acc[-1], x)], xs, [])


# case: {"tokens": ["a", "b", "a", "b"]}
def distinct_bigrams(tokens: List[str]) -> int:
    return len(reduce(lambda s, p: s | {p}, zip(tokens, tokens[1:]), set()))


# case: {"xs": [1.5, -2.25, 0.0]}
def negated(xs: List[float]) -> List[float]:
    return list(map(operator.neg, xs))


# case: {"flags": [true, false, true]}
def inverted(flags: List[bool]) -> List[bool]:
    return list(map(operator.not_, flags))


# case: {"xs": [3, -1, 2]}
def by_negation(xs: List[int]) -> List[int]:
    return sorted(xs, key=operator.neg)


# case: {"labels": ["x", "y", "x", "z"]}
# case: {"labels": []}
def label_index(labels: List[str]) -> Dict[str, int]:
    return reduce(lambda d, l: d if l in d else {**d, l: len(d)}, labels, {})
