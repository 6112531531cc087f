def f(rows: list[str]) -> list[int]:
    acc: list[list[str]] = [[], []]
    # error: E0313
    for c, p in zip(acc, rows):
        c.append(p)
    return [len(c) for c in acc]
