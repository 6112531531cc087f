import numpy as np


def f(a: np.ndarray) -> bool:
    # error: E0301
    return a.shape == (2, 3)
