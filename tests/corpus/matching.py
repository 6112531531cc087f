"""match/case, Optional parameters and Literal types (also through an alias)."""
from typing import Literal, Optional

Task = Literal["query", "document"]
PREFIXES = {"query": "task: search result | query: ", "document": "title: none | text: "}


# case: {"code": 200}
# case: {"code": 404}
# case: {"code": 418}
# case: {"code": 503}
def status(code: int) -> str:
    match code:
        case 200 | 201:
            return "ok"
        case 404:
            return "not found"
        case c if c >= 500:
            return f"server error {c}"
        case _:
            return "other"


# case: {"word": "stop"}
# case: {"word": "go"}
def command(word: str) -> int:
    result = 0
    match word:
        case "stop":
            result = 1
        case "go":
            result = 2
    return result


# case: {"x": 3, "default": null}
# case: {"x": null, "default": 7}
# case: {"x": null, "default": null}
def or_default(x: Optional[int], default: Optional[int] = None) -> int:
    if x is not None:
        return x * 2
    if default is None:
        return -1
    return default + 1


# case: {"x": null}
def none_plus_one(x: Optional[int]) -> int:
    return x + 1


# case: {"text": "mars", "task": "query"}
# case: {"text": "mars", "task": "document"}
def prompt(text: str, task: Task = "document") -> str:
    return PREFIXES[task] + text


# case: {"mode": "fast"}
def literal_inline(mode: Literal["fast", "slow"]) -> str:
    return mode.upper()
