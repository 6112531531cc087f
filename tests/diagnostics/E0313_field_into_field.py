class Recorder:
    def __init__(self) -> None:
        self.current: list[int] = []
        self.frames: list[list[int]] = []

    def add(self, x: int) -> None:
        self.current.append(x)
        # error: E0313
        self.frames.append(self.current)


def f(xs: list[int]) -> list[list[int]]:
    r = Recorder()
    for x in xs:
        r.add(x)
    return r.frames
