from datetime import date


# error: E0202
def f(day: date) -> str:
    return day.isoformat()
