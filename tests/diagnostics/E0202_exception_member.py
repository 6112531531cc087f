class RangeError(ValueError):
    # error: E0202
    @classmethod
    def make(cls, x: int) -> "RangeError":
        return cls(x)


def f(x: int) -> int:
    if x < 0:
        raise RangeError(x)
    return x
