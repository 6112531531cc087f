class Acc:
    def __init__(self) -> None:
        self.n = 0

    def add(self, k: int) -> None:
        self.n += k


def f(k: int) -> list[int]:
    a = Acc()
    # error: E0313
    d = {"a": a}
    a.add(k)
    return [a.n, d["a"].n]
