from typing import Optional


class Tracker:
    def __init__(self) -> None:
        self.n = 0

    def see(self, x: Optional[float]) -> None:
        self.n += 1
        # error: E0202
        self.last = x


def f(xs: list[float]) -> int:
    t = Tracker()
    for x in xs:
        t.see(x if x > 0 else None)
    return t.n
