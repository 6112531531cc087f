"""Methods and library calls on values whose type only the running program knows (a bare `dict` parameter's values,
`Any`): the JSON kind the value holds picks the operation at run time, and a kind that has none raises as CPython
does (`None.upper()` is AttributeError). Also: `isinstance` of an Optional variant (False for None), and a
`functools.cached_property` of a class whose instances nothing changes (computed at each read, which agrees)."""

import functools
from typing import Any, Union


# case: {"request": {"model": " Bert-Base ", "input": ["a", "b"], "options": {"top_k": 3, "normalize": true}}}
# case: {"request": {"model": "e5", "input": [], "options": {}}}
def describe_request(request: dict) -> dict[str, Any]:
    model = request["model"].strip().lower()
    options = request.get("options", {})
    return {
        "model": model,
        "n": len(request["input"]),
        "options": sorted(options.keys()),
        "first": request["input"][0].upper() if request["input"] else None,
    }


# case: {"request": {"model": null}}
def model_name(request: dict) -> str:
    return request["model"].strip()


# case: {"record": {"box": [0, 1.5, 4, 6], "label": "cat"}}
# case: {"record": {"box": [2, 2, 3, 3], "label": "dog"}}
def box_area(record: dict[str, Any]) -> float:
    x0, y0, x1, y1 = tuple(record["box"])
    return (x1 - x0) * (y1 - y0) + len(record["label"].replace("a", ""))


# case: {"rows": [{"tokens": 12, "tags": ["x", "y"]}, {"tokens": 3, "tags": []}]}
def token_report(rows: list[dict]) -> list[str]:
    out = []
    for row in rows:
        tags = ",".join(row["tags"]) or "-"
        out.append(f"{row['tokens'] * 2}:{tags}:{sum(row.get('extra', [1, 2]))}")
    return out


LABELS = ["person", "car", "dog"]


# case: {"detections": [{"label": "dog"}, {"label": "car"}]}
# case: {"detections": [{"label": "dog"}, {"label": "car"}], "label": 1}
# case: {"detections": [{"label": "dog"}], "label": "dog"}
def matching(detections: list[dict], label: Union[str, int, None] = None) -> int:
    if isinstance(label, int):
        label = LABELS[label]
    return len([d for d in detections if label is None or d["label"] == label])


class _Vocab:
    def __init__(self, words: list[str]) -> None:
        self.words = words

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}


# case: {"words": ["a", "b"], "queries": ["b", "z"]}
def vocab_lookups(words: list[str], queries: list[str]) -> list[int]:
    v = _Vocab(words)
    return [v.index.get(q, -1) for q in queries]
