from typing import Any, Callable


def counted(fn: Callable[..., Any]) -> Callable[..., Any]:
    calls = [0]

    def wrapper(*args: Any) -> Any:
        calls[0] += 1
        return fn(*args)

    return wrapper


# error: E0202
@counted
def f(x: int) -> int:
    return x + 1
