def scale(x: float, factor: float = 1.0, offset: float = 0.0) -> float:
    return x * factor + offset


def f(x: float, factor: float) -> float:
    options = {"factor": factor}
    options["offset"] = 0.5
    # error: E0202
    return scale(x, **options)
