"""Stateful objects of one class family kept in a list and updated in a loop, as metric trackers and training callbacks
are written: each subclass's `update` changes its own fields, some through `super().update(...)`, and the list's
objects keep the changes."""


class Metric:
    def __init__(self) -> None:
        self.name = "metric"
        self.count = 0
        self.total = 0.0

    def update(self, value: float) -> None:
        self.count += 1
        self.total += value

    def result(self) -> float:
        return round(self.total / self.count, 6) if self.count else 0.0


class MaxMetric(Metric):
    def __init__(self) -> None:
        super().__init__()
        self.name = "max"
        self.best = float("-inf")

    def update(self, value: float) -> None:
        super().update(value)
        self.best = max(self.best, value)

    def result(self) -> float:
        return self.best if self.count else 0.0


class ClippedMean(Metric):
    def __init__(self, lo: float, hi: float) -> None:
        super().__init__()
        self.name = "clipped"
        self.lo = lo
        self.hi = hi

    def update(self, value: float) -> None:
        super().update(min(max(value, self.lo), self.hi))


# case: {"values": [0.5, 2.0, -1.0, 0.25]}
# case: {"values": []}
def track(values: list[float]) -> dict[str, float]:
    metrics: list[Metric] = [Metric(), MaxMetric(), ClippedMean(0.0, 1.0)]
    for v in values:
        for m in metrics:
            m.update(v)
    return {m.name: m.result() for m in metrics}


class Callback:
    def __init__(self) -> None:
        self.calls = 0

    def on_step(self, loss: float) -> bool:
        self.calls += 1
        return False


class EarlyStop(Callback):
    def __init__(self, patience: int) -> None:
        super().__init__()
        self.patience = patience
        self.best = float("inf")
        self.bad = 0

    def on_step(self, loss: float) -> bool:
        super().on_step(loss)
        if loss < self.best:
            self.best = loss
            self.bad = 0
        else:
            self.bad += 1
        return self.bad >= self.patience


class History(Callback):
    def __init__(self) -> None:
        super().__init__()
        self.losses: list[float] = []

    def on_step(self, loss: float) -> bool:
        self.calls += 1
        self.losses.append(loss)
        return False


# case: {"losses": [1.0, 0.8, 0.9, 0.95, 0.7], "patience": 2}
# case: {"losses": [1.0, 0.5], "patience": 3}
def train(losses: list[float], patience: int) -> dict[str, object]:
    callbacks: list[Callback] = [EarlyStop(patience), History(), Callback()]
    stopped_at = -1
    for step, loss in enumerate(losses):
        stop = False
        for cb in callbacks:
            if cb.on_step(loss):
                stop = True
        if stop:
            stopped_at = step
            break
    first = callbacks[0]
    first.on_step(0.0)
    return {"stopped_at": stopped_at, "calls": [cb.calls for cb in callbacks], "first_calls": first.calls}
