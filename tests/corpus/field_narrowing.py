"""Optional fields of an object checked before use, the way serving code reads an override or a cached value
(`if self.limit is not None: return self.limit`), and match patterns that group alternatives with parentheses."""
from dataclasses import dataclass
from typing import Optional


class Truncator:
    def __init__(self, limit: Optional[int] = None, side: Optional[str] = None) -> None:
        self.limit = limit
        self.side = side

    @property
    def effective_limit(self) -> int:
        if self.limit is not None:
            return self.limit
        return 8

    def apply(self, ids: list[int]) -> list[int]:
        n = self.effective_limit
        if self.side is None or self.side == "right":
            return ids[:n]
        return ids[-n:] if n else []


# case: {"ids": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "limit": 3, "side": "left"}
# case: {"ids": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "limit": -1, "side": "right"}
# case: {"ids": [1, 2, 3], "limit": 0, "side": "left"}
def truncate_ids(ids: list[int], limit: int, side: str) -> list[int]:
    t = Truncator(limit if limit >= 0 else None, side)
    return t.apply(ids)


@dataclass
class GenerationRequest:
    prompt: str
    max_tokens: Optional[int] = None
    stop: Optional[list[str]] = None


# case: {"prompt": "hello", "max_tokens": 5, "stops": ["\n"]}
# case: {"prompt": "hello", "max_tokens": -1, "stops": []}
def describe_request(prompt: str, max_tokens: int, stops: list[str]) -> str:
    req = GenerationRequest(prompt)
    if max_tokens >= 0:
        req.max_tokens = max_tokens
    if stops:
        req.stop = stops
    parts = [req.prompt]
    if req.max_tokens is not None and req.max_tokens > 0:
        parts.append(f"max={req.max_tokens + 0}")
    if not req.stop:
        parts.append("no-stop")
    else:
        parts.append(f"stops={len(req.stop)}")
    if req.stop is not None:
        req.stop.append("</s>")
        parts.append(f"now={len(req.stop)}")
    return " ".join(parts)


# case: {"tokens": ["load", "bert", "fp16"]}
# case: {"tokens": ["load", "bert", "int8"]}
# case: {"tokens": ["load", "bert"]}
# case: {"tokens": ["unload", "x"]}
# case: {"tokens": ["one"]}
def parse_command(tokens: list[str]) -> str:
    match tokens:
        case ["load", name, ("fp16" | "fp32" | "bf16") as prec]:
            return f"load {name} in {prec}"
        case ["load", name, ("int8" | "int4")]:
            return f"quantized {name}"
        case ["load", name]:
            return f"load {name}"
        case [("unload" | "drop") as verb, name]:
            return f"{verb} {name}"
        case (only,):
            return f"single {only}"
        case _:
            return "unknown"
