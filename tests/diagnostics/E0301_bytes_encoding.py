def f(s: str) -> str:
    # error: E0301
    return s.encode("utf-16").hex()
