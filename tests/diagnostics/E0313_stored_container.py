def f(xs: list[int]) -> list[list[int]]:
    history = []
    cur = []
    for x in xs:
        cur.append(x)
        # `history` holds `cur` itself: the next item appended to `cur` shows in every snapshot in CPython.
        # error: E0313
        history.append(cur)
    return history
