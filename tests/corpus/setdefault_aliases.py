"""A name bound to `d.setdefault(k, default)` and changed through (`slot["n"] += 1`, `bucket.append(x)`): CPython's
name and the dict's value are one object; the compiled code reads `d[k]` in place wherever the name is used."""
from typing import Any, Dict, List, Tuple


# case: {"chunks": [{"choices": [{"delta": {"tool_calls": [{"index": 0, "function": {"name": "get_", "arguments": "{\"city\""}}]}}]}, {"choices": [{"delta": {"tool_calls": [{"index": 0, "function": {"name": "weather", "arguments": ": \"Paris\"}"}}, {"index": 1, "function": {"name": "now"}}]}}]}]}
# case: {"chunks": []}
def merge_tool_call_deltas(chunks: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    calls: Dict[int, Dict[str, str]] = {}
    for chunk in chunks:
        for choice in chunk.get("choices", []):
            for tc in choice.get("delta", {}).get("tool_calls", []):
                slot = calls.setdefault(tc["index"], {"name": "", "arguments": ""})
                fn = tc.get("function", {})
                slot["name"] += fn.get("name", "")
                slot["arguments"] += fn.get("arguments", "")
    return [calls[i] for i in sorted(calls)]


# case: {"gold": ["PER", "LOC", "PER", "ORG"], "pred": ["PER", "PER", "PER", "LOC"]}
def per_label_counts(gold: List[str], pred: List[str]) -> Dict[str, Dict[str, int]]:
    stats: Dict[str, Dict[str, int]] = {}
    for g, p in zip(gold, pred):
        s = stats.setdefault(p, {"tp": 0, "fp": 0, "fn": 0})
        if g == p:
            s["tp"] += 1
        else:
            s["fp"] += 1
            miss = stats.setdefault(g, {"tp": 0, "fp": 0, "fn": 0})
            miss["fn"] += 1
    return stats


# case: {"words": ["beta", "alpha", "bravo", "apple", "blue", "art"], "cap": 2}
def bucket_by_initial(words: List[str], cap: int) -> Tuple[Dict[str, List[str]], List[str]]:
    buckets: Dict[str, List[str]] = {}
    overflow: List[str] = []
    for w in words:
        bucket = buckets.setdefault(w[:1], [])
        if len(bucket) >= cap:
            overflow.append(w)
            continue
        bucket.append(w)
        bucket.sort()
    return buckets, overflow
