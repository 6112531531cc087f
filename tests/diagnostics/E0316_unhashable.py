def f(rows: list[list[int]]) -> int:
    # error: E0316
    return len(set(rows))
