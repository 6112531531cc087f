import numpy as np


def f(n: int) -> list[float]:
    # error: E0209
    return np.random.default_rng(0).random(n).tolist()
