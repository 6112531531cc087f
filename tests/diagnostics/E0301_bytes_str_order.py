def f(s: str) -> bool:
    # error: E0301
    return s.encode() < s
