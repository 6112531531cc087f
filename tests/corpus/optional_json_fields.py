"""Optional fields of JSON records read with `.get`: an absent key and a JSON null are both None, and the value that
is there is compared, looked up and tested by its run-time type (`kind = spec.get("kind")`, then `kind == "list"`,
`kind in (...)`, `HANDLERS.get(kind)`, `kind is None`)."""
from typing import Any, Dict, List, Optional

UNITS = {"ms": 0.001, "s": 1.0, "min": 60.0}
PRIORITY = {1: "high", 2: "normal", 3: "low"}


# case: {"spec": {"kind": "list", "default": [1, 2]}}
# case: {"spec": {"kind": "int", "default": 3}}
# case: {"spec": {"kind": null}}
# case: {"spec": {}}
# case: {"spec": {"kind": "float"}}
def default_for(spec: Dict[str, Any]) -> Any:
    kind = spec.get("kind")
    if kind is None:
        return "untyped"
    if kind == "list":
        return spec.get("default", [])
    if kind in ("int", "float"):
        return spec.get("default", 0)
    return None


# case: {"timings": [{"value": 250, "unit": "ms"}, {"value": 2, "unit": "s"}, {"value": 1.5, "unit": "min"}]}
# case: {"timings": [{"value": 3, "unit": null}, {"value": 4}, {"value": 5, "unit": "h"}, {"value": 6, "unit": 7}]}
def to_seconds(timings: List[Dict[str, Any]]) -> List[Optional[float]]:
    out: List[Optional[float]] = []
    for t in timings:
        unit = t.get("unit")
        scale = UNITS.get(unit)
        out.append(None if scale is None else t["value"] * scale)
    return out


# case: {"jobs": [{"name": "a", "priority": 1}, {"name": "b", "priority": 3}, {"name": "c"}, {"name": "d", "priority": true}]}
# case: {"jobs": [{"name": "e", "priority": 2.0}, {"name": "f", "priority": "1"}]}
def priority_labels(jobs: List[Dict[str, Any]]) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for j in jobs:
        out[j["name"]] = PRIORITY.get(j.get("priority"), "unset")
    return out


# case: {"events": [{"type": "start"}, {"type": null}, {}, {"type": "stop"}, {"type": "tick"}, {"type": ""}]}
def count_known(events: List[Dict[str, Any]]) -> List[int]:
    known = 0
    missing = 0
    empty = 0
    for e in events:
        kind = e.get("type")
        if not kind:
            empty += 1
        if kind is None:
            missing += 1
        elif kind in {"start", "stop"}:
            known += 1
    return [known, missing, empty]
