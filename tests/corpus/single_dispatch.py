"""functools.singledispatch over the inputs a preprocessing step meets: scalars, strings, lists, dicts, bools and
module classes, dispatched on the first argument's class (most derived first)."""
from dataclasses import dataclass
from functools import singledispatch
import functools


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Entity(Span):
    label: str


@singledispatch
def to_text(value: object, sep: str = " ") -> str:
    return f"<{type(value).__name__}>"


@to_text.register
def _(value: int, sep: str = " ") -> str:
    return f"int {value}"


@to_text.register
def _(value: bool, sep: str = " ") -> str:
    return "yes" if value else "no"


@to_text.register(float)
def _float(value: float, sep: str = " ") -> str:
    return f"{value:.2f}"


@to_text.register
def _(value: str, sep: str = " ") -> str:
    return value.strip()


@to_text.register(list)
@to_text.register(tuple)
def _seq(value: list, sep: str = " ") -> str:
    return sep.join(str(v) for v in value)


@to_text.register
def _(value: Span, sep: str = " ") -> str:
    return f"[{value.start}:{value.end}]"


@to_text.register
def _(value: Entity, sep: str = " ") -> str:
    return f"{value.label}[{value.start}:{value.end}]"


@functools.singledispatch
def size(x: object) -> int:
    raise TypeError(f"no size for {type(x).__name__}")


@size.register(str)
@size.register(list)
def _(x: str) -> int:
    return len(x)


@size.register
def _(x: dict) -> int:
    return len(x) * 2


# case: {"n": 3, "flag": true, "x": 2.5, "s": "  hi  ", "xs": [1, 2, 3]}
def render(n: int, flag: bool, x: float, s: str, xs: list[int]) -> list[str]:
    return [to_text(n), to_text(flag), to_text(x), to_text(s), to_text(xs, ","), to_text((n, n + 1), sep="-")]


# case: {"start": 2, "end": 5, "label": "ORG"}
def render_spans(start: int, end: int, label: str) -> list[str]:
    return [to_text(Span(start, end)), to_text(Entity(start, end, label)), to_text(None)]


# case: {"s": "abc", "xs": [1, 2], "d": {"a": 1, "b": 2}}
def sizes(s: str, xs: list[int], d: dict[str, int]) -> list[int]:
    return [size(s), size(xs), size(d)]


# case: {"x": 1.5}
def size_error(x: float) -> int:
    return size(x)
