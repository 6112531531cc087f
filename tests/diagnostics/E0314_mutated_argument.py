def add_one(xs):
    xs.append(1)
    return len(xs)


def f(ys: list[int]) -> int:
    # error: E0314
    return add_one(ys)
