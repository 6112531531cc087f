"""Class-based context managers (`__enter__`/`__exit__`) around model calls: timers that record on the manager, guards
that suppress or count failures, nested and multi-item `with` statements, and early returns through a `with`."""
import time
from types import TracebackType
from typing import Optional, Type


class Stopwatch:
    def __init__(self, label: str) -> None:
        self.label = label
        self.laps = 0
        self.elapsed = -1.0
        self._t0 = 0.0

    def __enter__(self) -> "Stopwatch":
        self.laps += 1
        self._t0 = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.elapsed = time.perf_counter() - self._t0


# case: {"xs": [1, 2, 3]}
# case: {"xs": []}
def timed_norm(xs: list[float]) -> list[object]:
    with Stopwatch("norm") as sw:
        total = sum(x * x for x in xs) ** 0.5
    return [round(total, 6), sw.label, sw.laps, sw.elapsed >= 0.0]


class FailureCounter:
    """Counts the failures of the block it guards and swallows them when `swallow` is set."""

    def __init__(self, swallow: bool) -> None:
        self.swallow = swallow
        self.entered = 0
        self.failures = 0
        self.clean = 0

    def __enter__(self) -> "FailureCounter":
        self.entered += 1
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self.clean += 1
            return False
        self.failures += 1
        return self.swallow


# case: {"items": ["1", "x", "3"], "swallow": true}
# case: {"items": ["1", "x", "3"], "swallow": false}
# case: {"items": [], "swallow": false}
def parse_guarded(items: list[str], swallow: bool) -> list[object]:
    guard = FailureCounter(swallow)
    values = []
    try:
        for s in items:
            with guard:
                values.append(int(s))
    except ValueError as e:
        return ["raised", str(e), guard.failures, guard.clean]
    return [values, guard.entered, guard.failures, guard.clean]


# case: {"s": "42"}
# case: {"s": "nope"}
def first_int(s: str) -> int:
    g = FailureCounter(True)
    with g:
        return int(s)
    return -g.failures


class Depth:
    def __init__(self) -> None:
        self.level = 0
        self.log: list[str] = []

    def __enter__(self) -> "Depth":
        self.level += 1
        self.log.append(f"in{self.level}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.log.append(f"out{self.level}")
        self.level -= 1


class Pipeline:
    def __init__(self) -> None:
        self.depth = Depth()
        self.watch = Stopwatch("step")

    def run(self, n: int) -> list[str]:
        for _ in range(n):
            with self.depth, self.watch:
                with self.depth:
                    pass
        return self.depth.log + [str(self.watch.laps)]


# case: {"n": 2}
# case: {"n": 0}
def pipeline_trace(n: int) -> list[str]:
    return Pipeline().run(n)


class Resource:
    def __init__(self, name: str) -> None:
        self.name = name
        self.opened = False
        self.closed = False

    def __enter__(self) -> "Resource":
        self.opened = True
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.closed = True


# case: {"names": ["a", "b"], "fail": false}
# case: {"names": ["a", "b"], "fail": true}
def use_resources(names: list[str], fail: bool) -> list[object]:
    r1 = Resource(names[0])
    r2 = Resource(names[1])
    try:
        with r1, r2:
            if fail:
                raise RuntimeError("boom")
    except RuntimeError as e:
        return [str(e), r1.closed, r2.closed]
    return [r1.opened and r2.opened, r1.closed, r2.closed]
