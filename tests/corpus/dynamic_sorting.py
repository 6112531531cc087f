"""Sorting and picking JSON records by a field, as API post-processing does: `sorted(results, key=lambda r:
r["score"], reverse=True)`, `max(items, key=...)`, tuples of fields as keys, and CPython's TypeError when the field's
values do not compare (a str among numbers, a None)."""

import json
from typing import Any


# case: {"results": [{"id": "a", "score": 0.5}, {"id": "b", "score": 0.9}, {"id": "c", "score": 0.7}]}
# case: {"results": []}
def ranked_ids(results: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in sorted(results, key=lambda r: r["score"], reverse=True)]


# case: {"items": [{"name": "x", "priority": 2}, {"name": "a", "priority": 2}, {"name": "m"}]}
def by_priority(items: list[dict[str, Any]]) -> list[str]:
    ordered = sorted(items, key=lambda d: (d.get("priority", 0), d.get("name", "")), reverse=True)
    return [d["name"] for d in ordered]


# case: {"payload": "[{\"v\": 3}, {\"v\": 1.5}, {\"v\": 2}]"}
# case: {"payload": "[{\"v\": 3}, {\"v\": \"high\"}]"}
# case: {"payload": "[{\"v\": null}, {\"v\": null}]"}
def extremes(payload: str) -> tuple[Any, Any, list[Any]]:
    rows = json.loads(payload)
    try:
        values = sorted(r["v"] for r in rows)
        return max(rows, key=lambda r: r["v"])["v"], min(r["v"] for r in rows), values
    except TypeError as e:
        return "error", str(e), []


# case: {"data": {"b": [2, "x"], "a": [1, "y"], "c": [2, "a"]}}
def sort_pairs(data: dict[str, Any]) -> list[str]:
    keys = list(data)
    keys.sort(key=lambda k: data[k])
    return keys
