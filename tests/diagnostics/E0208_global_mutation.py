ITEMS = [1, 2, 3]


def f(x: int) -> int:
    # error: E0208
    ITEMS.append(x)
    return len(ITEMS)
