import datetime


def f(label: str) -> str:
    # error: E0209
    return f"{label} at {datetime.datetime.now()}"
