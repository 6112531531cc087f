"""collections.OrderedDict in postprocessing code: an LRU cache, label maps, FIFO eviction."""

from collections import OrderedDict
from typing import OrderedDict as OrderedDictType


# case: {"keys": ["a", "b", "a", "c", "d", "b"], "capacity": 2}
# case: {"keys": [], "capacity": 3}
def lru_trace(keys: list[str], capacity: int) -> tuple[list[str], list[str]]:
    cache: OrderedDict[str, int] = OrderedDict()
    hits = []
    for k in keys:
        if k in cache:
            cache.move_to_end(k)
            hits.append(k)
            continue
        cache[k] = len(k)
        if len(cache) > capacity:
            cache.popitem(last=False)
    return hits, list(cache.keys())


# case: {"labels": ["cat", "dog", "cat", "bird"]}
def label_ids(labels: list[str]) -> str:
    ids = OrderedDict()
    for name in labels:
        if name not in ids:
            ids[name] = len(ids)
    ids.move_to_end("cat", last=False)
    return repr(ids)


# case: {"scores": {"b": 2, "a": 1, "c": 3}}
# case: {"scores": {}}
def ranked(scores: dict[str, int]) -> tuple[str, bool, bool]:
    by_score = OrderedDict(sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
    by_name = OrderedDict(sorted(scores.items()))
    return f"{by_score}", by_score == by_name, dict(by_score) == dict(by_name)


# case: {"table": {"x": 1, "y": 2}}
# case: {"table": {}}
def drain(table: OrderedDictType[str, int]) -> list[tuple[str, int]]:
    out = []
    while table:
        out.append(table.popitem())
    return out


# case: {"labels": ["neg", "pos", "neg", "neu"], "preferred": "pos"}
# case: {"labels": ["a"], "preferred": "a"}
def label_slots(labels: list[str], preferred: str) -> list:
    """Distinct labels in first-seen order with zeroed counts, the preferred one moved to the front."""
    slots = OrderedDict.fromkeys(labels, 0)
    for lab in labels:
        slots[lab] += 1
    slots.move_to_end(preferred, last=False)
    return [list(slots.items()), repr(OrderedDict.fromkeys(labels[:1]))]
