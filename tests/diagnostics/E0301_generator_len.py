def gen(n: int):
    for i in range(n):
        yield i


def count(xs: list[int]) -> int:
    # error: E0301
    return len(xs)


def f(n: int) -> int:
    return count(gen(n))
