class Counts(dict):
    def total(self) -> int:
        return sum(self.values())


def f(x: int) -> int:
    # error: E0202
    p = Counts()
    return x
