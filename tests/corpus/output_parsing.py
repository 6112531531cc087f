"""Pulling JSON objects out of chatty model output with json.JSONDecoder().raw_decode: every object in order,
skipping braces that do not start a valid document."""

import json
from typing import Any


# case: {"text": "Sure! {\"name\": \"a\", \"score\": 1} and also {\"name\": \"b\", \"score\": 2.5}. {broken"}
# case: {"text": "nothing here"}
# case: {"text": "{\"nested\": {\"x\": [1, 2]}}{\"y\": null}"}
def all_objects(text: str) -> list[dict[str, Any]]:
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    pos = text.find("{")
    while pos != -1:
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            pos = text.find("{", pos + 1)
            continue
        found.append(obj)
        pos = text.find("{", end)
    return found


# case: {"text": "```json\n[1, 2, 3]\n```", "default": -1}
# case: {"text": "```json\n[1, 2,\n```", "default": -1}
def first_list_total(text: str, default: int) -> int:
    start = text.find("[")
    if start < 0:
        return default
    try:
        values, _ = json.JSONDecoder().raw_decode(text, idx=start)
    except ValueError:
        return default
    return sum(values)
