class Acc:
    def __init__(self) -> None:
        self.n = 0

    def add(self, k: int) -> None:
        self.n += k


class Bag:
    def __init__(self, k: int) -> None:
        self.items = [Acc() for _ in range(k)]

    @property
    def first(self) -> Acc:
        return self.items[0]


def f(k: int) -> list[int]:
    b = Bag(k)
    # error: E0209
    b.first.add(3)
    return [a.n for a in b.items]
