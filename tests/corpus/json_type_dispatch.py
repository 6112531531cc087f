"""Dispatching on the run-time type of JSON values: a type map mixing module classes, builtin classes and a tuple of
them, a `Dict[str, Tuple[type, ...]]` of class tuples, a conditional choosing a class or a tuple, statistics and math
over parsed JSON, format specs and `type(v).__name__` of dynamic values, and a dataclass with a numeric union field
built from a mapping and given back by `asdict`."""

import json
import math
import statistics
from dataclasses import dataclass, field, asdict
from typing import Any, Dict, List, Optional, Tuple, Union


class Node:
    def __init__(self, name: str) -> None:
        self.name = name


@dataclass
class Leaf:
    value: int = 0


KINDS = {"node": Node, "leaf": Leaf, "num": (int, float)}


# case: {"v": 3}
# case: {"v": "x"}
def kind_of(v: Any) -> str:
    for name, cls in KINDS.items():
        if isinstance(v, cls):
            return name
    return "other"


# case: {"record": {"a": 1, "b": [1, 2], "c": null}}
def kinds_table(record: Dict[str, Any]) -> Dict[str, str]:
    table = {"int": "integer", "float": "number", "str": "string", "list": "array", "dict": "object", "bool": "boolean"}
    return {k: table.get(type(v).__name__, "null") for k, v in record.items()}


# case: {"value": 1.5, "kind": "float"}
# case: {"value": "1.5", "kind": "float"}
# case: {"value": true, "kind": "int"}
def conforms(value: Any, kind: str) -> bool:
    allowed: Dict[str, Tuple[type, ...]] = {"int": (int,), "float": (int, float), "str": (str,)}
    return isinstance(value, allowed[kind])


# case: {"data": "{\"scores\": [1, 2, 3.5]}"}
# case: {"data": "{\"scores\": []}"}
def parsed_mean(data: str) -> Optional[float]:
    obj = json.loads(data)
    scores = obj.get("scores", [])
    if not scores:
        return None
    return round(statistics.fmean(scores), 3)


# case: {"xs": [3, 1, 2]}
# case: {"xs": [1.5, "a"]}
def spread(xs: List[object]) -> float:
    return max(xs) - min(xs)


# case: {"rows": [{"p": 0.25}, {"p": 0.5}]}
def entropy(rows: List[Dict[str, Any]]) -> float:
    return -sum(r["p"] * math.log(r["p"]) for r in rows)


# case: {"cfg": {"lr": 0.001, "warmup": 100, "name": "x"}}
def render_cfg(cfg: Dict[str, Any]) -> str:
    parts = []
    for k, v in cfg.items():
        if isinstance(v, float):
            parts.append(f"{k}={v:.1e}")
        elif isinstance(v, int):
            parts.append(f"{k}={v:,}")
        else:
            parts.append(f"{k}={v!r}")
    return ", ".join(parts)


# case: {"v": 12345.678}
# case: {"v": "abc"}
# case: {"v": [1]}
def pad_value(v: Any) -> str:
    return f"[{v:>12}]"


# case: {"v": 2.5}
# case: {"v": 7}
def half(v: Any) -> Any:
    return v / 2 if isinstance(v, (int, float)) else None


@dataclass
class Threshold:
    name: str
    value: Union[int, float] = 0


# case: {"specs": [{"name": "a", "value": 2}, {"name": "b", "value": 0.5}, {"name": "c"}]}
def thresholds(specs: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [asdict(Threshold(**s)) for s in specs]


# case: {"x": 3, "numeric": true}
# case: {"x": "3", "numeric": false}
def check_type(x: Any, numeric: bool) -> bool:
    want = (int, float) if numeric else str
    return isinstance(x, want)


# case: {"v": 1.0}
# case: {"v": 2}
def int_or_float(v: Any) -> str:
    return type(v).__name__ + ":" + str(v)


FIELD_TYPES = {"count": int, "ratio": (int, float), "label": str, "tags": list}


# case: {"field": "count"}
# case: {"field": "ratio"}
# case: {"field": "label"}
# case: {"field": "tags"}
def field_kind_flags(field: str) -> List[bool]:
    t = FIELD_TYPES[field]
    return [t == int, t is str, t != list, t is not int, t == (int, float)]


@dataclass
class Encoder:
    width: int = 4


@dataclass
class Decoder:
    width: int = 8


STAGES = {"forward": (Encoder, Decoder), "reverse": (Decoder, Encoder)}


# case: {"mode": "forward"}
# case: {"mode": "reverse"}
def stage_widths(mode: str) -> List[int]:
    first, second = STAGES[mode]
    return [first().width, second().width]


# case: {"value": 3, "kind": "int"}
# case: {"value": true, "kind": "int"}
# case: {"value": "3", "kind": "text"}
# case: {"value": 3.5, "kind": "text"}
def strict_conforms(value: Any, kind: str) -> bool:
    specs = {"int": (int, bool), "text": (str, bytes)}
    spec = specs[kind]
    return isinstance(value, spec)


# case: {"v": 2.5}
# case: {"v": "2.5"}
def numeric_alias(v: Any) -> bool:
    numeric = (int, float)
    kinds = numeric
    return isinstance(v, kinds)
