"""Exception chaining as model-loading and request-handling code uses it: `raise ... from e` to wrap a low-level error,
`from None` to hide it, and the `__cause__`/`__context__`/`__suppress_context__` a caller inspects to report the root
cause."""
from typing import Dict, List, Optional


class ConfigError(Exception):
    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("batch_size", "not an integer") from e


def _lookup(table: Dict[str, int], key: str) -> int:
    try:
        return table[key]
    except KeyError:
        raise LookupError(f"no entry {key}") from None


# case: {"text": "32"}
# case: {"text": "3x"}
def wrapped(text: str) -> List[str]:
    try:
        return [str(_parse_int(text))]
    except ConfigError as e:
        cause = e.__cause__
        return [str(e), type(cause).__name__, str(cause), str(e.__suppress_context__), type(e.__context__).__name__]


# case: {"table": {"a": 1}, "key": "b"}
# case: {"table": {"a": 1}, "key": "a"}
def hidden(table: Dict[str, int], key: str) -> List[str]:
    try:
        return [str(_lookup(table, key))]
    except LookupError as e:
        return [repr(e), str(e.__cause__ is None), str(e.__suppress_context__), type(e.__context__).__name__]


# case: {"values": [1, 0, 2]}
# case: {"values": [1, 2]}
def implicit_context(values: List[int]) -> str:
    try:
        try:
            total = 0
            for v in values:
                total += 10 // v
            return str(total)
        except ZeroDivisionError:
            names: Dict[str, int] = {}
            return str(names["fallback"])
    except KeyError as e:
        ctx = e.__context__
        return f"{e!r} during {type(ctx).__name__}: {ctx} cause={e.__cause__} suppress={e.__suppress_context__}"


# case: {"x": 0}
# case: {"x": 4}
def reraised(x: int) -> str:
    try:
        try:
            return str(8 // x)
        except ZeroDivisionError:
            raise
    except ZeroDivisionError as e:
        return f"{e} ctx={type(e.__context__).__name__} cause={type(e.__cause__).__name__}"


# case: {"fail": true}
# case: {"fail": false}
def finally_context(fail: bool) -> str:
    try:
        try:
            if fail:
                raise ValueError("primary")
        finally:
            raise RuntimeError("cleanup failed")
    except RuntimeError as e:
        ctx: Optional[BaseException] = e.__context__
        return f"{e} <- {ctx!r}"


# case: {"stage": "load"}
# case: {"stage": "run"}
def root_cause(stage: str) -> List[str]:
    try:
        try:
            try:
                raise ValueError(f"bad {stage}")
            except ValueError as low:
                raise RuntimeError("stage failed") from low
        except RuntimeError as mid:
            raise ConfigError(stage, "aborted") from mid
    except ConfigError as top:
        chain: List[str] = []
        cur: Optional[BaseException] = top
        while cur is not None:
            chain.append(f"{type(cur).__name__}({cur})")
            cur = cur.__cause__
        return chain


# case: {"x": 1}
def nested_handlers(x: int) -> str:
    try:
        try:
            raise ValueError(f"inner {x}")
        except ValueError:
            try:
                {"a": 1}["b"]
            except KeyError:
                raise RuntimeError("outer") from None
    except RuntimeError as e:
        c = e.__context__
        if c is None:
            return "no context"
        return f"{e!r} {c!r} {e.__suppress_context__} {c.__context__!r}"
