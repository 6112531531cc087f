import frobnicate


def f(x: int) -> int:
    # error: E0209
    return frobnicate.twist(x)
