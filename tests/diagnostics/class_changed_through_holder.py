class Acc:
    def __init__(self) -> None:
        self.n = 0

    def add(self, k: int) -> None:
        self.n += k


def f(k: int) -> list[int]:
    a = Acc()
    # error: E0313
    pair = (a, Acc())
    pair[0].add(k)
    # `a` is read after the change made through `pair`: in CPython it is the same object.
    return [a.n, pair[0].n]
