def f(x: int) -> int:
    # error: E0208
    global _calls
    _calls = x
    return _calls
