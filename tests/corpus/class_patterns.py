"""`match` on the module's own classes, as request routers and output handlers write it: keyword and positional
class patterns (a dataclass's and a NamedTuple's `__match_args__`), nested sequence patterns on a field, guards, and
`type(x).__name__` of a value that is one of several classes."""
from dataclasses import dataclass, field
from typing import NamedTuple, Union


@dataclass
class TextPart:
    text: str


@dataclass
class ImagePart:
    width: int
    height: int
    channels: int = 3


@dataclass
class Message:
    role: str
    parts: list[Union[TextPart, ImagePart]] = field(default_factory=list)


class Box(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float


def make_part(kind: str, n: int, text: str) -> Union[TextPart, ImagePart]:
    if kind == "text":
        return TextPart(text)
    if kind == "gray":
        return ImagePart(n, n, 1)
    return ImagePart(n, n * 2)


# case: {"kind": "text", "n": 0, "text": "hi"}
# case: {"kind": "text", "n": 0, "text": "a much longer prompt"}
# case: {"kind": "gray", "n": 28, "text": ""}
# case: {"kind": "rgb", "n": 16, "text": ""}
# case: {"kind": "rgb", "n": 0, "text": ""}
def describe_part(kind: str, n: int, text: str) -> str:
    part = make_part(kind, n, text)
    match part:
        case TextPart(text=t) if len(t) > 10:
            return f"long text of {len(t)}"
        case TextPart(t):
            return f"text {t!r}"
        case ImagePart(w, h, channels=1):
            return f"gray {w}x{h}"
        case ImagePart(width=0) | ImagePart(height=0):
            return "empty image"
        case ImagePart(width=w, height=h):
            return f"{type(part).__name__} {w}x{h}"
    return "unreachable"


# case: {"role": "user", "texts": ["a", "b"], "sizes": [4]}
# case: {"role": "user", "texts": [], "sizes": [4, 8]}
# case: {"role": "system", "texts": ["be brief"], "sizes": []}
# case: {"role": "user", "texts": [], "sizes": []}
def route(role: str, texts: list[str], sizes: list[int]) -> str:
    parts: list[Union[TextPart, ImagePart]] = [TextPart(t) for t in texts]
    parts.extend(ImagePart(s, s) for s in sizes)
    msg = Message(role, parts)
    match msg:
        case Message(role="system", parts=[TextPart(text=t)]):
            return "system: " + t
        case Message(parts=[]):
            return f"{msg.role}: empty"
        case Message(role=r, parts=[first, *rest]):
            return f"{r}: {type(first).__name__} then {len(rest)} more"
    return "other"


# case: {"coords": [0.0, 0.0, 1.5, 1.5]}
# case: {"coords": [0.5, 0.0, 0.5, 2.0]}
# case: {"coords": [1.5, 2.5, 3.5, 5.5]}
def box_kind(coords: list[float]) -> str:
    b = Box(coords[0], coords[1], coords[2], coords[3])
    match b:
        case Box(0.0, 0.0, x1, y1) if x1 == y1:
            return f"unit-anchored square {x1}"
        case Box(x0, _, x1, _) if x0 == x1:
            return "degenerate"
        case Box(x0=x, y1=y):
            return f"from x={x} to y={y}"
    return "none"


# case: {"headers": {"model": "m1", "x-trace": "t", "accept": "json"}}
# case: {"headers": {"model": "m2"}}
# case: {"headers": {"accept": "json"}}
def split_headers(headers: dict[str, str]) -> str:
    match headers:
        case {"model": model, **rest} if rest:
            return f"{model} with {sorted(rest.items())}"
        case {"model": model, **rest}:
            return f"{model} alone ({len(rest)})"
        case {**others}:
            return f"no model: {list(others)}"
    return "unreachable"
