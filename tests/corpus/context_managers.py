"""`with` over @contextmanager generators and contextlib's managers around pre/post-processing steps."""
import contextlib
import io
import sys
import time
from contextlib import ExitStack, closing, contextmanager, nullcontext, redirect_stdout, suppress
from typing import Iterator, Optional


@contextmanager
def span_log(events: list[str], name: str) -> Iterator[int]:
    events.append(f"begin {name}")
    try:
        yield len(events)
    except ZeroDivisionError as e:
        events.append(f"{name} swallowed {type(e).__name__}")
    except KeyError:
        events.append(f"{name} saw KeyError")
        raise
    finally:
        events.append(f"end {name}")


@contextmanager
def collecting(prefix: str = "w") -> Iterator[list[str]]:
    found: list[str] = []
    yield found
    found.append(f"{prefix}:done")


@contextmanager
def timer(out: dict[str, float], label: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        out[label] = time.perf_counter() - t0


@contextmanager
def scaled(values: list[float], factor: float) -> Iterator[list[float]]:
    scaled_values = [v * factor for v in values]
    try:
        yield scaled_values
    finally:
        values.append(factor)


# case: {"xs": [1.0, 2.0, 0.0, 4.0]}
# case: {"xs": []}
def inverse_all(xs: list[float]) -> list[str]:
    events: list[str] = []
    inv: list[float] = []
    for i, x in enumerate(xs):
        with span_log(events, f"item{i}") as depth:
            inv.append(round(1.0 / x, 4))
            events.append(f"depth {depth}")
    return events + [str(v) for v in inv]


# case: {"table": {"a": 1}, "keys": ["a", "b"]}
def lookup_reraises(table: dict[str, int], keys: list[str]) -> list[str]:
    events: list[str] = []
    for k in keys:
        try:
            with span_log(events, k):
                events.append(str(table[k]))
        except KeyError as e:
            events.append(f"caller got {e}")
    return events


# case: {"tokens": ["a", "b", "STOP", "c"]}
# case: {"tokens": ["a"]}
def first_before_stop(tokens: list[str]) -> list[str]:
    events: list[str] = []
    for tok in tokens:
        with span_log(events, tok):
            if tok == "STOP":
                break
            if tok == "b":
                continue
            events.append(f"kept {tok}")
    return events


# case: {"tokens": ["x", "STOP", "y"]}
# case: {"tokens": ["x"]}
def return_inside(tokens: list[str]) -> list[str]:
    events: list[str] = []
    with span_log(events, "scan"):
        for i, tok in enumerate(tokens):
            if tok == "STOP":
                return tokens[:i] + events
    return tokens + events


# case: {"rows": [{"id": 1, "score": 0.5}, {"id": 2}, {"id": 3, "score": -1.0}]}
def audit(rows: list[dict[str, float]]) -> list[str]:
    with collecting("audit") as notes, collecting() as extra:
        for r in rows:
            if "score" not in r:
                notes.append(f"missing {int(r['id'])}")
            elif r["score"] < 0:
                extra.append(f"negative {int(r['id'])}")
    return notes + extra


# case: {"xs": [3.0, 1.0, 2.0]}
def timed_sort(xs: list[float]) -> list[object]:
    timings: dict[str, float] = {}
    with timer(timings, "sort"):
        ys = sorted(xs)
    with timer(timings, "sum"), timer(timings, "both"):
        total = sum(ys)
    return [ys, total, sorted(timings), all(v >= 0.0 for v in timings.values())]


# case: {"values": [1.0, 2.0], "factor": 3.0}
def scaled_sum(values: list[float], factor: float) -> list[float]:
    with scaled(values, factor) as s:
        total = sum(s)
    return values + [total]


# case: {"cache": {"a": 1, "b": 2}, "drop": ["b", "zz", "a"]}
def drop_keys(cache: dict[str, int], drop: list[str]) -> dict[str, int]:
    for k in drop:
        with suppress(KeyError):
            del cache[k]
    return cache


# case: {"raw": ["1", "x", "2.5", "", "7"]}
def parse_ints(raw: list[str]) -> list[int]:
    out: list[int] = []
    for r in raw:
        with contextlib.suppress(ValueError):
            out.append(int(r))
            continue
        out.append(-1)
    return out


# case: {"pairs": [[1, 0], [4, 2], [3]]}
def safe_ratios(pairs: list[list[int]]) -> list[float]:
    out: list[float] = []
    for p in pairs:
        with suppress(ZeroDivisionError, IndexError):
            out.append(p[0] / p[1])
    return out


# case: {"label": null, "xs": [1, 2]}
# case: {"label": "run", "xs": []}
def tagged(label: Optional[str], xs: list[int]) -> list[str]:
    with nullcontext(label or "default") as tag:
        out = [f"{tag}-{x}" for x in xs]
    with nullcontext():
        out.append(str(len(xs)))
    return out


class Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def read_all(self) -> list[str]:
        return [ln for ln in self.lines if ln]

    def close(self) -> None:
        pass


# case: {"text": "a\n\nb\nc"}
def read_lines(text: str) -> list[str]:
    with closing(Reader(text)) as r:
        return r.read_all()


# case: {"scores": {"loss": 0.25, "acc": 0.875}}
def report(scores: dict[str, float]) -> list[str]:
    buf = io.StringIO()
    with redirect_stdout(buf):
        for k in sorted(scores):
            print(k, f"{scores[k]:.2f}", sep=": ")
        sys.stdout.write("end\n")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        print("warn", file=sys.stderr)
    return buf.getvalue().splitlines() + [err.getvalue()]


# case: {"n": 2}
# case: {"n": 1}
def nested_same(n: int) -> list[str]:
    events: list[str] = []
    with span_log(events, "outer") as a:
        with span_log(events, "inner") as b:
            events.append(f"{a},{b}")
            if n > 1:
                events.append(str(1 // (n - n)))
            events.append("body done")
        events.append("after inner")
    return events


# case: {"data": {"a": "1", "b": "x"}, "keys": ["a", "b", "zz"]}
def stacked_parse(data: dict[str, str], keys: list[str]) -> list[object]:
    events: list[str] = []
    out: list[int] = []
    for k in keys:
        with ExitStack() as stack:
            stack.callback(events.append, f"cleanup {k}")
            stack.enter_context(suppress(KeyError))
            depth = stack.enter_context(span_log(events, k))
            stack.enter_context(suppress(ValueError))
            out.append(int(data[k]) + depth)
    return [out, events]


# case: {"xs": [1.5, 2.5], "collect": true}
# case: {"xs": [1.5, 2.5], "collect": false}
def maybe_collect(xs: list[float], collect: bool) -> list[str]:
    with collecting("c") if collect else nullcontext(["start"]) as sink:
        for x in xs:
            sink.append(str(x * 2))
    return sink + ["n"]


# case: {"a": [1.0, 0.0, -2.0], "b": [2.0, 0.0, 0.0]}
def safe_divide(a: list[float], b: list[float]) -> list[object]:
    import warnings

    import numpy as np

    x = np.array(a)
    y = np.array(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = x / y
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        finite = np.where(np.isfinite(r), r, 0.0)
    return [[str(v) for v in r.tolist()], finite.tolist()]


class Tracer:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.events: list[str] = []

    @contextmanager
    def span(self, name: str) -> Iterator[str]:
        label = f"{self.prefix}.{name}"
        self.events.append(f"open {label}")
        try:
            yield label
        finally:
            self.events.append(f"close {label}")


# case: {"steps": ["tok", "embed"], "fail": "embed"}
# case: {"steps": ["tok"], "fail": ""}
def traced_steps(steps: list[str], fail: str) -> list[str]:
    tracer = Tracer("run")
    done: list[str] = []
    for s in steps:
        try:
            with tracer.span(s) as label:
                if s == fail:
                    raise ValueError(label)
                done.append(label)
        except ValueError as e:
            done.append(f"failed {e}")
    return done + tracer.events
