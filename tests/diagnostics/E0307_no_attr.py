def f(s: str) -> str:
    # error: E0307
    return s.frobnicate()
