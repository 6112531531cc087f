class Meter:
    def __init__(self) -> None:
        self.total = 0.0

    def update(self, x: float) -> None:
        self.total += x


def f(xs: list[float]) -> list[float]:
    meters = [Meter(), Meter()]
    for i, x in enumerate(xs):
        # error: E0313
        m = meters[i % 2]
        m.update(x)
    return [m.total for m in meters]
