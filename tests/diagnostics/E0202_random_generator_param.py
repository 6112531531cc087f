import random


# error: E0202
def f(rng: random.Random, xs: list[str]) -> str:
    return rng.choice(xs)
