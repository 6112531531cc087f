"""Exception hierarchies as inference services write them: class-level constants (`status = 503`), methods that
read the instance's attributes, `__str__` overrides, `__init__` chains through `super().__init__(...)` with keywords,
and builtin exceptions raised with several arguments."""

from typing import Any, Dict, List, Optional


class ServiceError(Exception):
    status = 500
    kind = "server_error"
    retryable = False

    def __init__(self, message: str, hint: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def payload(self) -> Dict[str, Any]:
        return {"error": {"type": self.kind, "message": self.message, "hint": self.hint}, "status": self.status}

    def http_line(self, version: str) -> str:
        return f"HTTP/{version} {self.status} {self.kind.upper()}"


class InvalidInput(ServiceError):
    status = 422
    kind = "invalid_input"


class ModelBusy(ServiceError):
    status = 503
    kind = "overloaded"
    retryable = True

    def __init__(self, message: str, queue: int) -> None:
        super().__init__(message, hint=f"{queue} requests ahead")
        self.queue = queue

    def http_line(self, version: str) -> str:
        return f"HTTP/{version} {self.status} BUSY q={self.queue}"


def run_inference(tokens: List[str], max_len: int, queue: int) -> List[str]:
    if queue > 8:
        raise ModelBusy("model is busy", queue)
    if not tokens:
        raise InvalidInput("empty input", hint="send at least one token")
    if len(tokens) > max_len:
        raise ServiceError(f"too long: {len(tokens)} > {max_len}")
    return [t.lower() for t in tokens]


# case: {"tokens": ["A", "b"], "max_len": 4, "queue": 0}
# case: {"tokens": [], "max_len": 4, "queue": 0}
# case: {"tokens": ["a"], "max_len": 4, "queue": 12}
# case: {"tokens": ["a", "b", "c"], "max_len": 2, "queue": 1}
def serve(tokens: List[str], max_len: int, queue: int) -> Dict[str, Any]:
    try:
        out = run_inference(tokens, max_len, queue)
        return {"status": 200, "tokens": out}
    except ServiceError as e:
        body = e.payload()
        body["retry"] = e.retryable
        return body


# case: {"queues": [0, 9, 20], "version": "1.1"}
def status_lines(queues: List[int], version: str) -> List[str]:
    lines: List[str] = []
    for q in queues:
        try:
            run_inference(["x"] if q > 0 else [], 4, q)
            lines.append(f"HTTP/{version} 200 OK")
        except ServiceError as e:
            lines.append(e.http_line(version))
    return lines


# case: {"codes": [422, 503, 500, 200]}
def count_retryable(codes: List[int]) -> Dict[str, int]:
    counts = {"retry": 0, "fail": 0, "ok": 0}
    for c in codes:
        try:
            if c == 422:
                raise InvalidInput("bad")
            if c == 503:
                raise ModelBusy("busy", 3)
            if c == 500:
                raise ServiceError("boom")
            counts["ok"] += 1
        except ServiceError as e:
            counts["retry" if e.retryable else "fail"] += 1
            if e.status >= 500 and not e.retryable:
                counts["fail"] += 10
    return counts


class FieldError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.field = field
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


# case: {"record": {"temperature": 1.5, "top_p": 0.9}}
# case: {"record": {"temperature": -1.5, "top_p": 2.5}}
# case: {"record": {"top_p": 0.5}}
def check_sampling(record: Dict[str, float]) -> List[str]:
    issues: List[str] = []
    for name, lo, hi in [("temperature", 0.0, 2.0), ("top_p", 0.0, 1.0)]:
        try:
            if name not in record:
                raise FieldError(name, "missing")
            if not lo <= record[name] <= hi:
                raise FieldError(name, f"{record[name]} not in [{lo}, {hi}]")
        except ValueError as e:
            issues.append(str(e))
            issues.append(repr(e.args))
    return issues


# case: {"shape": [2, 3], "want": 3}
# case: {"shape": [2, 4], "want": 3}
def check_dim(shape: List[int], want: int) -> List[Any]:
    try:
        if shape[-1] != want:
            raise ValueError("dimension mismatch", shape[-1], want)
        return ["ok"]
    except ValueError as e:
        return [str(e), len(e.args), e.args[1]]
