import datetime


def f(parts: list[int]) -> str:
    # A list spreads into a library function only where it takes any number of arguments (`max`, `math.hypot`).
    # error: E0202
    return datetime.date(*parts).isoformat()
