def scale(x: float, factor: float = 1.0, offset: float = 0.0) -> float:
    return x * factor + offset


def f(x: float, factor: float, extra: dict[str, float]) -> float:
    options = {"factor": factor}
    # error: E0202
    return scale(x, **{**options, **extra})
