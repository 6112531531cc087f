import numpy as np


def f(seed: int, n: int) -> list[float]:
    rng = np.random.default_rng(seed)
    # error: E0307
    return rng.normal(0.0, 1.0, size=n).tolist()
