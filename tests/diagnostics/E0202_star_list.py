def area(w: float, h: float) -> float:
    return w * h


def f(line: str) -> float:
    parts = [float(p) for p in line.split("x")]
    # error: E0202
    return area(*parts)
