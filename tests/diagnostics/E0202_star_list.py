def volume(w: float, h: float, d: float) -> float:
    return w * h * d


def f(line: str) -> float:
    parts = [float(p) for p in line.split("x")]
    # A list spreads into a function's parameters only as its last positional argument.
    # error: E0202
    return volume(*parts, 1.0)
