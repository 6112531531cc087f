def double(x):
    return x + x


def f(n: int, s: str) -> tuple[int, str, float]:
    return double(n), double(s), double(0.5)
