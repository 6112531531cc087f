"""Chat messages (JSON values, `dict[str, Any]`) routed with `match`: a builtin class pattern narrows its capture
(`"content": str(c)` makes `c` a str, so it slices and concatenates), a sequence pattern slices the value, and a plain
dynamic value slices as its run-time list or str does."""

import json
from typing import Any


# case: {"msg": {"role": "system", "content": "You are a helpful assistant."}}
# case: {"msg": {"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "image"}]}}
# case: {"msg": {"role": "tool", "content": "42", "name": "calc"}}
# case: {"msg": {"role": "tool", "content": 5}}
# case: {"msg": {"content": "x"}}
def route(msg: dict[str, Any]) -> str:
    match msg:
        case {"role": "system", "content": str(c)}:
            return "system: " + c[:12].upper()
        case {"role": "user" | "assistant" as role, "content": [first, *others]}:
            return f"{role}: {len(others) + 1} parts, first {first['type']}"
        case {"role": str(role), "content": str(c), **rest} if rest:
            return f"{role}: {c} with {sorted(rest)}"
        case {"role": str(role)}:
            return f"{role}: other content"
        case _:
            return "invalid"


# case: {"text": "{\"tokens\": [5, 6, 7, 8], \"name\": \"abcdef\"}"}
# case: {"text": "{\"tokens\": [], \"name\": \"\"}"}
def head_and_tail(text: str) -> list[Any]:
    d = json.loads(text)
    return [d["tokens"][:2], d["tokens"][-1:], d["name"][::2], d["name"][1:-1]]


# case: {"text": "{\"tokens\": 5}"}
def slice_a_number(text: str) -> Any:
    return json.loads(text)["tokens"][1:]
