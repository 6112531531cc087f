"""Callables held in locals and only called: bound methods (`add = seen.add`), methods of a helper object, nested
functions that keep nonlocal state; context managers chosen before their `with`."""
from contextlib import nullcontext, suppress
from typing import Callable


class Formatter:
    def __init__(self, precision: int) -> None:
        self.precision = precision

    def render(self, name: str, value: float) -> str:
        return f"{name}={value:.{self.precision}f}"


# case: {"tokens": ["a", "b", "a", "c", "b"]}
def dedupe(tokens: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    add = seen.add
    push = out.append
    for t in tokens:
        if t not in seen:
            add(t)
            push(t)
    return out


# case: {"metrics": {"loss": 0.12345, "acc": 0.9}, "precision": 2}
def render_all(metrics: dict[str, float], precision: int) -> list[str]:
    fmt = Formatter(precision)
    show: Callable[[str, float], str] = fmt.render
    return [show(k, metrics[k]) for k in sorted(metrics)]


# case: {"labels": ["cat", "dog", "cat", "eel"]}
def label_ids(labels: list[str]) -> dict[str, int]:
    count = 0

    def bump() -> int:
        nonlocal count
        count += 1
        return count

    next_id = bump
    ids: dict[str, int] = {}
    for lab in labels:
        if lab not in ids:
            ids[lab] = next_id()
    return ids


# case: {"table": {"a": 1}, "keys": ["a", "b"], "strict": false}
# case: {"table": {"a": 1}, "keys": ["a", "b"], "strict": true}
def lookup_all(table: dict[str, int], keys: list[str], strict: bool) -> list[int]:
    out: list[int] = []
    for k in keys:
        guard = nullcontext() if strict else suppress(KeyError)
        with guard:
            out.append(table[k])
    return out
