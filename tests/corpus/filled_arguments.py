"""Helpers that fill a list, dict, set or deque their caller passes in, as tokenizers, tree walkers and metric
collectors write them: the helper changes the caller's own container (taken by reference), recursive walkers append to
one accumulator at every depth, and a helper's return value is used alongside the change."""

from collections import deque
from typing import Any


def _emit(node: dict[str, Any], depth: int, out: list[str]) -> None:
    out.append("-" * depth + str(node["name"]))
    for child in node.get("children", []):
        _emit(child, depth + 1, out)


# case: {"tree": {"name": "root", "children": [{"name": "a", "children": [{"name": "a1"}]}, {"name": "b"}]}}
# case: {"tree": {"name": "leaf"}}
def render_tree(tree: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    _emit(tree, 0, lines)
    return lines


def _flatten_into(prefix: str, cfg: dict[str, Any], out: dict[str, Any]) -> None:
    for key, value in cfg.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten_into(name, value, out)
        else:
            out[name] = value


# case: {"cfg": {"optim": {"lr": 0.5, "betas": {"b1": 0.9}}, "epochs": 3}}
# case: {"cfg": {}}
def flat_config(cfg: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {"_source": "cfg"}
    _flatten_into("", cfg, flat)
    return flat


def _count(tokens: list[str], counts: dict[str, int], seen: set[str]) -> int:
    fresh = 0
    for t in tokens:
        counts[t] = counts.get(t, 0) + 1
        if t not in seen:
            seen.add(t)
            fresh += 1
    return fresh


# case: {"docs": ["the cat sat", "the dog", "cat cat"]}
# case: {"docs": []}
def vocab_growth(docs: list[str]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    seen: set[str] = set()
    growth = [_count(d.split(), counts, seen) for d in docs]
    return {"growth": growth, "counts": counts, "vocab": sorted(seen)}


def _stats_into(xs: list[float], out: dict[str, float]) -> None:
    if not xs:
        raise ValueError("no values")
    out["min"] = min(xs)
    out["max"] = max(xs)
    out["mean"] = round(sum(xs) / len(xs), 6)


# case: {"xs": [1.5, 3.25, 2.0]}
# case: {"xs": []}
def describe_values(xs: list[float]) -> dict[str, float]:
    report: dict[str, float] = {"n": float(len(xs))}
    try:
        _stats_into(xs, report)
    except ValueError:
        report["empty"] = 1.0
    return report


def _window_push(win: deque[int], x: int, k: int) -> int:
    win.append(x)
    if len(win) > k:
        win.popleft()
    return sum(win)


# case: {"xs": [3, 1, 4, 1, 5, 9], "k": 3}
def rolling_sums(xs: list[int], k: int) -> list[int]:
    win: deque[int] = deque()
    return [_window_push(win, x, k) for x in xs]


def _pad_batch(rows: list[list[int]], pad: int) -> None:
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([pad] * (width - len(r)))


# case: {"batch": [[1, 2, 3], [4], []], "pad": 0}
def padded(batch: list[list[int]], pad: int) -> list[list[int]]:
    _pad_batch(batch, pad)
    return batch


def _collect_ids(spans: list[dict[str, Any]], label: str, into: list[int]) -> None:
    for s in spans:
        if s["label"] == label:
            into.append(int(s["id"]))


# case: {"spans": [{"id": 1, "label": "PER"}, {"id": 2, "label": "LOC"}, {"id": 3, "label": "PER"}]}
def ids_by_label(spans: list[dict[str, Any]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {"PER": [], "LOC": []}
    _collect_ids(spans, "PER", groups["PER"])
    _collect_ids(spans, "LOC", groups["LOC"])
    return groups
