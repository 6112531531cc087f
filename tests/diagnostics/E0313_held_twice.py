class Tracker:
    def __init__(self) -> None:
        self.best: list[float] = []
        self.all: list[list[float]] = []

    def add(self, run: list[float]) -> None:
        self.all.append(run)
        if not self.best or sum(run) > sum(self.best):
            self.best = run

    def bump(self) -> None:
        self.best.append(0.5)


def f(runs: list[list[float]]) -> list[list[float]]:
    t = Tracker()
    for r in runs:
        # `t` keeps `r` at two places (`t.all[-1]` and `t.best`): `t.bump()` changes both in CPython.
        # error: E0313
        t.add(r)
    t.bump()
    return t.all
