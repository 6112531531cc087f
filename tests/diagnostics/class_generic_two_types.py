from typing import Generic, TypeVar

T = TypeVar("T")


class Box(Generic[T]):
    def __init__(self) -> None:
        self.items: list[T] = []

    def put(self, x: T) -> None:
        # error: E0301
        self.items.append(x)


def f(n: int) -> int:
    a: Box[str] = Box()
    b: Box[int] = Box()
    a.put("x")
    b.put(n)
    return len(a.items) + len(b.items)
