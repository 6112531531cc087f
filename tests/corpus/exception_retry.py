"""Retry loops around a flaky backend, as inference clients write them: the I/O error classes (TimeoutError,
ConnectionError, the OSError family), a module-level tuple of retryable classes caught by name, and the builtin
hierarchy (`except OSError` catches a TimeoutError, `except RuntimeError` a NotImplementedError)."""
from typing import Dict, List

RETRYABLE = (TimeoutError, ConnectionError)
FATAL = (PermissionError, FileNotFoundError)


class BackendUnavailable(ConnectionError):
    def __init__(self, host: str) -> None:
        super().__init__(f"{host} is down")
        self.host = host


def _attempt(kind: str, n: int) -> str:
    if kind == "timeout":
        raise TimeoutError(f"attempt {n} timed out")
    if kind == "conn":
        raise BackendUnavailable("gpu-0")
    if kind == "perm":
        raise PermissionError("token rejected")
    if kind == "missing":
        raise FileNotFoundError("weights.bin")
    if kind == "todo":
        raise NotImplementedError("streaming")
    if kind == "deep":
        raise RecursionError("too deep")
    return f"ok after {n}"


# case: {"plan": ["timeout", "conn", "ok"], "max_tries": 5}
# case: {"plan": ["timeout", "timeout", "timeout"], "max_tries": 2}
# case: {"plan": ["perm"], "max_tries": 3}
# case: {"plan": ["missing"], "max_tries": 3}
def with_retries(plan: List[str], max_tries: int) -> List[str]:
    log: List[str] = []
    for i in range(max_tries):
        kind = plan[i] if i < len(plan) else "ok"
        try:
            log.append(_attempt(kind, i))
            break
        except RETRYABLE as e:
            log.append(f"retry {type(e).__name__}: {e} retryable={isinstance(e, RETRYABLE)}")
        except FATAL as e:
            log.append(f"fatal {e!r}")
            break
    return log


# case: {"kind": "timeout"}
# case: {"kind": "conn"}
# case: {"kind": "perm"}
# case: {"kind": "missing"}
# case: {"kind": "todo"}
# case: {"kind": "deep"}
# case: {"kind": "ok"}
def classify(kind: str) -> Dict[str, str]:
    try:
        return {"result": _attempt(kind, 0)}
    except OSError as e:
        return {
            "os": type(e).__name__,
            "msg": str(e),
            "conn": str(isinstance(e, ConnectionError)),
            "timeout": str(isinstance(e, TimeoutError)),
        }
    except RuntimeError as e:
        return {"runtime": repr(e)}


# case: {"kind": "conn"}
# case: {"kind": "timeout"}
def host_of(kind: str) -> str:
    try:
        return _attempt(kind, 1)
    except BackendUnavailable as e:
        return e.host
    except IOError as e:
        return "io: " + str(e)
