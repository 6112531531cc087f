"""Spreading run-time lists into calls: a helper's `*args`, `set.intersection(*sets)`, `set().union(*lists)`,
`zip_longest(*rows)`, `math.gcd/lcm/hypot(*xs)` and `fmt.format(*parts)`; tuple displays with starred lists; keys of
another type than a dict's (never equal, so `in` is False and `d[k]` a KeyError); bare `dict`/`list` entry parameters
(JSON objects and arrays); latest timestamps through `max` of datetimes."""

import itertools
import math
from datetime import datetime
from typing import Union


def _weighted_mean(*values: float) -> float:
    return sum(values) / len(values) if values else 0.0


def _label(prefix: str, *parts: str) -> str:
    return prefix + ":" + "/".join(parts)


# case: {"scores": [0.5, 0.25, 0.75]}
# case: {"scores": []}
def mean_of_scores(scores: list[float]) -> list[float]:
    return [_weighted_mean(*scores), _weighted_mean(1.5, *scores), _weighted_mean(0.5, 0.25)]


# case: {"path": ["models", "bert", "v2"]}
def model_label(path: list[str]) -> str:
    head = (*path, "latest")
    return _label("hf", *path) + " " + _label("local", *head[1:]) + " " + str(len(head))


# case: {"docs": [["cat", "dog", "fish"], ["dog", "cat"], ["cat", "bird", "dog"]]}
# case: {"docs": [["a"]]}
def shared_and_all_tags(docs: list[list[str]]) -> dict[str, list[str]]:
    sets = [set(d) for d in docs]
    return {"shared": sorted(set.intersection(*sets)), "all": sorted(set().union(*docs))}


# case: {"docs": []}
def shared_tags_of_nothing(docs: list[list[str]]) -> list[str]:
    return sorted(set.intersection(*[set(d) for d in docs]))


# case: {"rows": [[1, 2, 3], [4], [5, 6]]}
def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in itertools.zip_longest(*rows, fillvalue=0)]


# case: {"sizes": [12, 18, 30], "vec": [3.5, 4.5, 1.5]}
# case: {"sizes": [7], "vec": []}
def sizes_summary(sizes: list[int], vec: list[float]) -> list[float]:
    return [float(math.gcd(*sizes)), float(math.lcm(*sizes)), round(math.hypot(*vec), 12)]


# case: {"template": "{} -> {} ({!r})", "parts": ["in", "out", "x"]}
# case: {"template": "{}/{}", "parts": ["only"]}
def render(template: str, parts: list[str]) -> str:
    return template.format(*parts)


# case: {"value": "8"}
# case: {"value": 16}
# case: {"value": 3}
def dtype_for(value: Union[str, int]) -> str:
    by_bits = {32: "float32", 16: "float16", 8: "int8"}
    if value in by_bits:
        return by_bits[value]
    try:
        return by_bits[value]
    except KeyError as e:
        return f"unknown {e}"


# case: {"config": {"model": "bert", "lr": 0.001, "tags": ["a", null], "_private": 1}}
def public_config(config: dict) -> list[str]:
    return sorted(f"{k}={v}" for k, v in config.items() if not k.startswith("_"))


# case: {"items": [1, null, "x", [null], null]}
def count_missing(items: list) -> list[int]:
    return [sum(1 for x in items if x is None), sum(1 for x in items if x is not None)]


# case: {"ids": [[1, 2], [3]]}
def batch_report(ids: list[list[int]]) -> dict:
    return {"ids": ids, "first": ids[0], "count": len(ids)}


# case: {"stamps": ["2024-06-01T09:30:00", "2024-06-01T11:00:00", "2024-05-31T23:59:59"]}
# case: {"stamps": ["2024-06-01T09:30:00", "2024-06-01T09:30:00+00:00"]}
def latest(stamps: list[str]) -> str:
    times = [datetime.fromisoformat(s) for s in stamps]
    return max(times).isoformat() + " " + min(times[0], times[-1]).isoformat()
