from typing import Any, Callable


def counted(fn: Callable[..., Any]) -> Callable[..., Any]:
    calls = [0]

    def wrapper(*args: Any) -> Any:
        calls[0] += 1
        return fn(*args)

    return wrapper


class Scorer:
    # error: E0202
    @counted
    def score(self, x: int) -> int:
        return x + 1


def f(x: int) -> int:
    return Scorer().score(x)
