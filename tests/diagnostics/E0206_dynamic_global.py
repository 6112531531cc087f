import random
# error: E0206
SEED = random.random()


def f(x: float) -> float:
    return x * SEED
