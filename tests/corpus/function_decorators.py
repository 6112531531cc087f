"""Decorators written in the module around inference helpers: wrappers with functools.wraps, decorator factories with
arguments, stacked decorators, registries filled by decorators."""
import functools
from typing import Any, Callable


def clamp(lo: float, hi: float) -> Callable[[Callable[..., float]], Callable[..., float]]:
    def decorate(fn: Callable[..., float]) -> Callable[..., float]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> float:
            return min(hi, max(lo, fn(*args, **kwargs)))

        return wrapper

    return decorate


def fallback(value: float, errors: tuple[type, ...] = (ZeroDivisionError,)) -> Callable[..., Any]:
    def decorate(fn: Callable[..., float]) -> Callable[..., float]:
        @functools.wraps(fn)
        def wrapper(*args: Any) -> float:
            try:
                return fn(*args)
            except errors:
                return value

        return wrapper

    return decorate


def rounded(fn: Callable[..., list[float]]) -> Callable[..., list[float]]:
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> list[float]:
        return [round(v, 3) for v in fn(*args, **kwargs)]

    return inner


def nonempty(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Rejects an empty first argument."""

    def checked(xs: list[float], *rest: Any) -> Any:
        if len(xs) == 0:
            raise ValueError(f"{fn.__name__} needs at least one value")
        return fn(xs, *rest)

    return checked


def as_list(fn: Callable[[list[float]], float]) -> Callable[..., float]:
    @functools.wraps(fn)
    def wrapper(x: Any) -> float:
        if isinstance(x, (int, float)):
            return fn([float(x)])
        return fn(x)

    return wrapper


def annotate(tag: str) -> Callable[..., Any]:
    def decorate(fn: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(fn)
        def wrapper(text: str) -> str:
            return f"[{tag}:{fn.__name__}] {fn(text)}"

        return wrapper

    return decorate


@clamp(0.0, 1.0)
def confidence(logit: float, temperature: float = 1.0) -> float:
    return 0.5 + logit / (4.0 * temperature)


@fallback(-1.0)
def ratio(a: int, b: int) -> float:
    return a / b


@fallback(0.0, (ValueError, KeyError))
def field_value(row: dict[str, str], key: str) -> float:
    return float(row[key])


@rounded
@nonempty
def softmax(xs: list[float], temperature: float = 1.0) -> list[float]:
    """Softmax with a temperature."""
    m = max(xs)
    exps = [2.718281828459045 ** ((x - m) / temperature) for x in xs]
    total = sum(exps)
    return [e / total for e in exps]


@as_list
def energy(xs: list[float]) -> float:
    """Sum of squares."""
    return sum(x * x for x in xs)


@annotate("norm")
@annotate("clean")
def clean(text: str) -> str:
    return " ".join(text.split()).lower()


# case: {"logits": [-5.0, 0.0, 1.0, 9.0]}
def confidences(logits: list[float]) -> list[float]:
    return [confidence(v) for v in logits] + [confidence(1.0, temperature=0.25), confidence(-1.0, 2.0)]


# case: {"pairs": [[1, 2], [3, 0]]}
def safe_ratios(pairs: list[list[int]]) -> list[float]:
    return [ratio(a, b) for a, b in pairs]


# case: {"rows": [{"x": "1.5"}, {"x": "abc"}, {"y": "2"}]}
def fields(rows: list[dict[str, str]]) -> list[float]:
    return [field_value(r, "x") for r in rows]


# case: {"xs": [1.0, 2.0, 3.0]}
# case: {"xs": []}
def probs(xs: list[float]) -> list[float]:
    return softmax(xs) + softmax(xs, 2.0) + softmax(xs, 0.5)


# case: {}
def names() -> list[object]:
    return [softmax.__name__, str(softmax.__doc__), confidence.__name__, clean.__name__, str(energy.__doc__)]


# case: {"xs": [3.0, 4.0], "x": 2.0}
def energies(xs: list[float], x: float) -> list[float]:
    return [energy(xs), energy(x), energy(3)]


# case: {"text": "  Hello   World "}
def cleaned(text: str) -> str:
    return clean(text)


POSTPROCESSORS: dict[str, Callable[[list[float]], list[float]]] = {}


def postprocessor(name: str) -> Callable[..., Any]:
    def register(fn: Callable[[list[float]], list[float]]) -> Callable[[list[float]], list[float]]:
        POSTPROCESSORS[name] = fn
        return fn

    return register


@postprocessor("relu")
def relu(xs: list[float]) -> list[float]:
    return [max(0.0, x) for x in xs]


@postprocessor("negate")
def negate(xs: list[float]) -> list[float]:
    return [-x for x in xs]


# case: {"xs": [1.0, -2.0, 0.5], "steps": ["negate", "relu"]}
# case: {"xs": [1.0], "steps": ["relu", "unknown"]}
def postprocess(xs: list[float], steps: list[str]) -> list[float]:
    for s in steps:
        if s not in POSTPROCESSORS:
            raise KeyError(s)
        xs = POSTPROCESSORS[s](xs)
    return xs + [float(len(POSTPROCESSORS))]


@functools.lru_cache(maxsize=64)
def bucket_of(length: int) -> int:
    b = 8
    while b < length:
        b *= 2
    return b


# case: {"lengths": [3, 9, 17, 9]}
def buckets(lengths: list[int]) -> list[int]:
    first = [bucket_of(n) for n in lengths]
    bucket_of.cache_clear()
    return first + [bucket_of(lengths[0] * 10)]


class Scorer:
    def __init__(self, bias: float) -> None:
        self.bias = bias

    @clamp(0.0, 1.0)
    def score(self, x: float) -> float:
        return x + self.bias

    @rounded
    def shifted(self, xs: list[float], scale: float = 1.0) -> list[float]:
        return [(x + self.bias) * scale / 3.0 for x in xs]


# case: {"bias": 0.25, "xs": [0.1, 0.9, -1.0]}
# case: {"bias": 0.0, "xs": []}
def score_all(bias: float, xs: list[float]) -> list[float]:
    s = Scorer(bias)
    return [s.score(x) for x in xs] + s.shifted(xs) + s.shifted(xs, 2.0)
