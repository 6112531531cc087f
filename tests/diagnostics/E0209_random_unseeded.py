import random


def f(xs: list[str]) -> str:
    # error: E0209
    return random.choice(xs)
