def f(pairs: list[list[str]]) -> int:
    d = {}
    for p in pairs:
        # error: E0316
        d[p] = len(p)
    return len(d)
