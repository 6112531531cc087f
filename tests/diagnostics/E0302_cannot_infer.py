def count(xs):
    return len(xs)


def f(x: int) -> int:
    ys = []
    # error: E0302
    return count(ys) + x
