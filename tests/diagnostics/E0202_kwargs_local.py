def scale(x: float, factor: float = 1.0, offset: float = 0.0) -> float:
    return x * factor + offset


def options(factor: float) -> dict[str, float]:
    return {"factor": factor}


def f(x: float, factor: float) -> float:
    # error: E0202
    return scale(x, **options(factor))
