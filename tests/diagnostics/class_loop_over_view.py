class Meter:
    def __init__(self) -> None:
        self.n = 0

    def tick(self) -> None:
        self.n += 1


def f(names: list[str]) -> int:
    meters = {n: Meter() for n in names}
    # error: E0313
    for m in meters.values():
        m.tick()
        # An item is replaced in the loop that changes the items: not reached by key.
        meters[names[0]] = Meter()
    return sum(m.n for m in meters.values())
