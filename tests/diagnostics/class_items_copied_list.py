class Acc:
    def __init__(self) -> None:
        self.n = 0

    def add(self, k: int) -> None:
        self.n += k


def f(names: list[str]) -> list[int]:
    d = {n: Acc() for n in names}
    # error: E0313
    vals = list(d.values())
    vals[0].add(9)
    return [a.n for a in d.values()]
