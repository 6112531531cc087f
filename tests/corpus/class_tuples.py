"""`isinstance` against a tuple of classes kept in a local, as validators name their accepted types once
(`numeric = (int, float)`) and test values of a JSON payload against them."""
from typing import Any


# case: {"values": [1, 2.5, true, [1], {"a": 1}, "s", null]}
# case: {"values": []}
def classify(values: list[Any]) -> list[str]:
    numeric = (int, float)
    sequences = (list, tuple)
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append("bool")
        elif isinstance(v, numeric):
            out.append("number")
        elif isinstance(v, sequences):
            out.append(f"sequence of {len(v)}")
        elif isinstance(v, dict):
            out.append("mapping")
        else:
            out.append(type(v).__name__)
    return out


# case: {"cfg": {"lr": 0.1, "steps": 10, "name": "run", "tags": ["a"]}}
# case: {"cfg": {"lr": "fast", "steps": 2.5}}
def check_config(cfg: dict[str, Any]) -> list[str]:
    number = (int, float)
    problems = []
    for key in ("lr", "steps"):
        if key in cfg and not isinstance(cfg[key], number):
            problems.append(f"{key} is not a number")
    if "steps" in cfg and isinstance(cfg["steps"], number) and not isinstance(cfg["steps"], int):
        problems.append("steps must be whole")
    return problems
