def numbers(n: int):
    for i in range(n):
        yield i * i


def f(n: int) -> int:
    gen = numbers(n)
    # error: E0301
    return next(gen)
