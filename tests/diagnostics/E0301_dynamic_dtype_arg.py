import numpy as np


def f(image: np.ndarray) -> np.ndarray:
    # error: E0301
    return np.zeros(3, dtype=image.dtype)
