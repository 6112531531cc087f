"""Checks over JSON-like records: tests whose `and`/`or` operands have different types (a bool and a match), read
only for their truth by all(), any(), a comprehension's condition or a conditional expression, and slice bounds
read from `dict[str, object]` records, and items a condition proved present (`r.get(c) is not None`, then `r[c]`)."""
import re
import statistics
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# case: {"rows": [{"when": "2024-01-02", "n": 3, "tag": "a1"}, {"when": "2023-05-06", "n": 4.5, "tag": null}]}
# case: {"rows": [{"when": "soon", "n": "x", "tag": "b"}]}
# case: {"rows": []}
def column_kinds(rows: List[Dict[str, Any]]) -> Dict[str, str]:
    columns: Dict[str, List[Any]] = {}
    for r in rows:
        for k, v in r.items():
            columns.setdefault(k, []).append(v)
    out = {}
    for name, values in columns.items():
        vals = [v for v in values if v is not None]
        if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            out[name] = "numeric"
        elif vals and all(isinstance(v, str) and DATE.fullmatch(v) for v in vals):
            out[name] = "date"
        elif any(isinstance(v, str) and re.search(r"\d", v) for v in vals):
            out[name] = "alnum"
        else:
            out[name] = "text"
    return out


# case: {"lines": ["id: 7", "note", "id: x", "id: 12"]}
def ids_present(lines: List[str]) -> List[str]:
    found = [ln for ln in lines if ln.startswith("id") and re.search(r"\d+$", ln)]
    first = "yes" if found and re.match(r"id: \d", found[0]) else "no"
    return found + [first]


# case: {"text": "Call Bob at 555-0100 in Paris.", "entities": [{"label": "PER", "start": 5, "end": 8}, {"label": "LOC", "start": 24, "end": 29}]}
# case: {"text": "open ended", "entities": [{"label": "X", "start": 5, "end": null}]}
# case: {"text": "bad", "entities": [{"label": "X", "start": "0", "end": 2}]}
def redact(text: str, entities: List[Dict[str, object]]) -> str:
    out = text
    for e in sorted(entities, key=lambda e: str(e["label"]), reverse=True):
        out = out[: e["start"]] + f"[{e['label']}]" + out[e["end"] :]
    return out


# case: {"rows": [{"income": 30.5, "age": 25}, {"income": null, "age": 31}, {"age": 40}, {"income": 45.5, "age": 52}, {"income": 61.5}], "columns": ["income", "age"]}
# case: {"rows": [{"income": null}], "columns": ["income"]}
def robust_center(rows: List[Dict[str, Optional[float]]], columns: List[str]) -> Dict[str, Optional[float]]:
    """Median per column over the present values: `r.get(c) is not None` proves `r[c]` is a number."""
    out: Dict[str, Optional[float]] = {}
    for c in columns:
        xs = sorted(r[c] for r in rows if r.get(c) is not None)
        out[c] = statistics.median(xs) if xs else None
    return out


# case: {"prices": {"apple": 1.5, "pear": null, "fig": 2.25}, "basket": ["apple", "pear", "fig", "kiwi", "apple"]}
def basket_total(prices: Dict[str, Optional[float]], basket: List[str]) -> Tuple[float, List[float], List[str]]:
    total = 0.0
    seen: List[float] = []
    missing = []
    for item in basket:
        if prices.get(item) is not None:
            total += prices[item]
            seen.append(prices[item])
        else:
            missing.append(item)
    return round(total, 4), seen, missing


class Span(NamedTuple):
    label: str
    start: int
    end: int


# case: {"gold": [["PER", 0, 2], ["LOC", 5, 6]], "pred": [["PER", 0, 2], ["LOC", 4, 6]]}
# case: {"gold": [["PER", 0]], "pred": []}
def exact_matches(gold: List[List[Any]], pred: List[List[Any]]) -> Tuple[int, List[str]]:
    """`Span(*row)` of rows whose length only the run knows: CPython's TypeError for a short row."""
    g = {Span(*row) for row in gold}
    hits = [s for s in (Span(*row) for row in pred) if s in g]
    return len(hits), [f"{s.label}@{s.start}" for s in hits]


# case: {"text": "mail bob@x.io or call 5550100, 42"}
def tagged_spans(text: str) -> List[Dict[str, object]]:
    """Records of mixed value types sorted by a tuple of their values, compared at run time as CPython does."""
    ents = []
    for label, pat in (("EMAIL", re.compile(r"\S+@\S+")), ("NUM", re.compile(r"\d+"))):
        for m in pat.finditer(text):
            ents.append({"label": label, "start": m.start(), "end": m.end()})
    ents.sort(key=lambda e: (e["start"], e["label"]))
    return ents


# case: {"events": [{"data": {"choices": [{"text": "a"}, {"text": "b"}]}}, {"data": "[DONE]"}, {"id": 3}]}
def streamed_choices(events: List[Dict[str, object]]) -> List[str]:
    """A value read with `.get` (None when absent) and tested with isinstance before its own `.get`."""
    out = []
    for ev in events:
        data = ev.get("data")
        if not isinstance(data, dict):
            continue
        for choice in data.get("choices", []):
            out.append(str(choice.get("text", "")))
    return out


# case: {"n": 5}
# case: {"n": -3}
def mixed_key_lookup(n: int) -> List[int]:
    table: Dict[Union[int, str], Optional[int]] = {1: n, "1": None, 2: None, "2": n * 2}
    out: List[int] = []
    if table.get(1) is not None:
        out.append(table[1])
        v = table["1"]
        out.append(-1 if v is None else v)
    if table.get("2") is not None:
        w = table[2]
        out.append(-2 if w is None else w)
        out.append(table["2"])
    return out
