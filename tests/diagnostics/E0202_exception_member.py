class RangeError(ValueError):
    # error: E0202
    def __str__(self) -> str:
        return "out of range"


def f(x: int) -> int:
    if x < 0:
        raise RangeError(x)
    return x
