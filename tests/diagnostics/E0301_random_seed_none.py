import random


def f(xs: list[str]) -> str:
    # error: E0301
    return random.Random().choice(xs)
