class Acc:
    def __init__(self, v: float) -> None:
        self.vals = [v]

    def add(self, v: float) -> None:
        self.vals.append(v)


def f(scores: list[float]) -> list[float]:
    accs = [Acc(s) for s in scores]
    # error: E0313
    best = max(accs, key=lambda a: a.vals[0])
    best.add(100.0)
    return [a.vals[-1] for a in accs]
