"""Abstract base classes as strategy and plugin code writes them: an `ABC` with `@abstractmethod`s whose template
method calls the subclass's override, stateless scorers built without arguments, and a list typed by the base."""

from abc import ABC, abstractmethod


class Scorer(ABC):
    @abstractmethod
    def score(self, a: str, b: str) -> float: ...

    def best(self, q: str, cands: list[str]) -> str:
        return max(cands, key=lambda c: self.score(q, c))


class Overlap(Scorer):
    def score(self, a: str, b: str) -> float:
        sa, sb = set(a.split()), set(b.split())
        return len(sa & sb) / max(len(sa | sb), 1)


# case: {"q": "red apple pie", "cands": ["green apple", "red apple tart", "pie chart"]}
def best_match(q: str, cands: list[str]) -> str:
    return Overlap().best(q, cands)


class Shape(ABC):
    def __init__(self, name: str):
        self.name = name

    @abstractmethod
    def area(self) -> float:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.name}: {self.area():.2f}"


class Square(Shape):
    def __init__(self, side: float):
        super().__init__("square")
        self.side = side

    def area(self) -> float:
        return self.side ** 2


class Circle(Shape):
    def __init__(self, r: float):
        super().__init__("circle")
        self.r = r

    def area(self) -> float:
        return 3.14159 * self.r ** 2


# case: {"side": 2.5, "r": 1.5}
def shapes(side: float, r: float) -> list[str]:
    items: list[Shape] = [Square(side), Circle(r)]
    return [s.describe() for s in items]
