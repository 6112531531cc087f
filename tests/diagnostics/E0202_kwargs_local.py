def scale(x: float, factor: float = 1.0, offset: float = 0.0) -> float:
    return x * factor + offset


def f(x: float) -> float:
    options = {"factor": 2.0, "offset": 0.5}
    # error: E0202
    return scale(x, **options)
