_pending = []


def f() -> int:
    n = len(_pending)
    # error: E0207
    _pending.clear()
    return n
