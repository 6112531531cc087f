import re


def f(s: str) -> str:
    # error: E0230
    s = re.sub(r"[a-", "", s)
    # error: E0230
    return re.sub(r"(\d+)", r"\2", s)
