from enum import IntFlag


class Cap(IntFlag):
    FP16 = 1
    BF16 = 2


def f(mask: int) -> int:
    # error: E0202
    c = Cap(mask)
    return int(c)
