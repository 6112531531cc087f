from datetime import datetime, timedelta


# error: E0202
def f(stamp: str, hours: float):
    return datetime.fromisoformat(stamp) + timedelta(hours=hours)
