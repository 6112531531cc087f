"""Optional values in post-processing: comparing with the previous item, filtering out the missing
ones in comprehensions, and nested configuration read through dict.get."""
import statistics
from typing import Any, Dict, List, Optional


# case: {"scores": {"a": 0.5, "b": 0.9, "c": 0.5, "d": 0.1}}
# case: {"scores": {"x": 1.0}}
# case: {"scores": {}}
def dense_ranks(scores: Dict[str, float]) -> Dict[str, int]:
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    ranks: Dict[str, int] = {}
    last: Optional[float] = None
    rank = 0
    for name, s in ordered:
        if s != last:
            rank += 1
            last = s
        ranks[name] = rank
    return ranks


# case: {"tokens": ["a", "a", "b", "a", "a", "a"]}
# case: {"tokens": []}
def run_lengths(tokens: List[str]) -> List[List[Any]]:
    runs: List[List[Any]] = []
    prev = None
    count = 0
    for t in tokens:
        if prev is not None and t == prev:
            count += 1
            continue
        if prev is not None:
            runs.append([prev, count])
        prev, count = t, 1
    if prev is not None:
        runs.append([prev, count])
    return runs


# case: {"labels": [1, null, 2, 2], "expected": 2}
# case: {"labels": [null, null], "expected": null}
def matches_expected(labels: List[Optional[int]], expected: Optional[int]) -> List[bool]:
    return [lab == expected for lab in labels] + [expected != lab for lab in labels]


# case: {"values": [1.0, null, 3.0, null]}
# case: {"values": [null, 4.0]}
def impute_mean(values: List[Optional[float]]) -> List[float]:
    present = [v for v in values if v is not None]
    fill = statistics.fmean(present) if present else 0.0
    return [fill if v is None else v for v in values]


# case: {"batches": [[1, null, 3], [null], [0, 5]]}
def nonzero_doubled(batches: List[List[Optional[int]]]) -> Dict[str, List[int]]:
    flat = [v * 2 for row in batches for v in row if v]
    positive = {i: v for i, v in enumerate(b[0] for b in batches) if v is not None and v >= 0}
    return {"flat": flat, "first": sorted(positive.values())}


# case: {"meta": {"name": "ann", "nick": null, "city": "Oslo"}}
def present_upper(meta: Dict[str, Optional[str]]) -> List[str]:
    return sorted(v.upper() for v in meta.values() if v is not None)


# case: {"base": {"model": {"hidden": 64, "layers": 2}, "lr": 0.1}, "override": {"model": {"layers": 4}, "seed": 7}}
# case: {"base": {"a": 1}, "override": {"a": {"b": 2}}}
def deep_merge(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


# case: {"cfg": {"a": [1, 2], "b": "x", "c": 3}, "key": "a"}
# case: {"cfg": {"a": [1, 2]}, "key": "z"}
def kind_of(cfg: Dict[str, Any], key: str) -> str:
    if isinstance(cfg.get(key), list):
        return "list"
    if isinstance(cfg.get(key), (int, float)):
        return "number"
    return "other"


# case: {"event": {"user": {"name": "ann", "tags": ["a"]}}}
# case: {"event": {"user": null}}
# case: {"event": {}}
def user_name(event: Dict[str, Any]) -> List[Optional[str]]:
    user = event.get("user") or {}
    tags = user.get("tags") or []
    first: Optional[str] = tags[0] if tags else None
    return [user.get("name"), first]
