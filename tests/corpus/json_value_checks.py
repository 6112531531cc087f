"""Validators over JSON values: a JSON value alias (a Union of JSON's kinds with containers of Any) taken and returned
as a run-time value, a table of eight check functions picked by name, and problems collected into a list of
TypedDicts by appending dict displays."""
import math
from collections import Counter, namedtuple
from typing import Any, Dict, List, NamedTuple, TypedDict, Union

Json = Union[None, bool, int, float, str, List[Any], Dict[str, Any]]

KIND_CHECKS = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "finite": lambda v: isinstance(v, float) and math.isfinite(v),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


class Problem(TypedDict):
    where: str
    why: str


# case: {"value": {"a": [1, 2.5, "x", null], "b": {"c": true}}}
# case: {"value": [[], {}, 3]}
# case: {"value": "leaf"}
def kinds_of(value: Json, where: str = "") -> List[str]:
    out = [f"{where or '.'}:{type(value).__name__}"]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(kinds_of(v, f"{where}.{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(kinds_of(v, f"{where}[{i}]"))
    return out


# case: {"value": 3, "kinds": ["integer", "number", "string"]}
# case: {"value": 2.5, "kinds": ["finite", "number", "integer"]}
# case: {"value": null, "kinds": ["null", "object"]}
# case: {"value": [1], "kinds": ["array", "boolean", "nope"]}
def matching_kinds(value: Json, kinds: List[str]) -> List[str]:
    return [k for k in kinds if k in KIND_CHECKS and KIND_CHECKS[k](value)]


# case: {"record": {"id": 7, "tags": ["a", 3], "score": "high"}, "spec": {"id": "integer", "tags": "array", "score": "number", "owner": "string"}}
# case: {"record": {}, "spec": {}}
def check_record(record: Dict[str, Any], spec: Dict[str, str]) -> List[Problem]:
    problems: List[Problem] = []
    for field, kind in spec.items():
        if field not in record:
            problems.append({"where": field, "why": "missing"})
        elif not KIND_CHECKS[kind](record[field]):
            problems.append({"where": field, "why": f"expected {kind}, got {type(record[field]).__name__}"})
    problems.extend([{"where": k, "why": "unexpected"} for k in record if k not in spec])
    return problems


# case: {"value": {"a": [1, {"b": null}]}, "depth": 0}
# case: {"value": 5, "depth": 2}
def strip_nulls(value: Json, depth: int) -> Json:
    if isinstance(value, dict):
        return {k: strip_nulls(v, depth + 1) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v, depth + 1) for v in value if v is not None]
    return value


class Span(NamedTuple):
    start: int
    end: int
    label: str = "O"


# case: {"raw": [{"span": [0, 4, "PER"]}, {"span": [5, 9]}, {"span": [2, 3, "LOC"]}]}
# case: {"raw": [{"span": [1]}]}
# case: {"raw": [{"span": 7}]}
def spans_from_json(raw: List[Dict[str, Any]]) -> List[str]:
    spans = sorted(Span(*r["span"]) for r in raw)
    return [f"{s.label}:{s.end - s.start}" for s in spans]


Mention = namedtuple("Mention", ["label", "start", "end"])


# case: {"gold": [["PER", 0, 2], ["LOC", 5, 6], ["PER", 0, 2]], "pred": [["PER", 0, 2], ["ORG", 5, 6]]}
# case: {"gold": [], "pred": [["X", 1, 2]]}
def mention_overlap(gold: List[List[object]], pred: List[List[object]]) -> List[int]:
    g = Counter(Mention(*x) for x in gold)
    p = Counter(Mention(*x) for x in pred)
    return [sum((g & p).values()), len(g), len(p), len({m.label for m in g} | {m.label for m in p})]
