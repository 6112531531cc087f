"""The bindings benchmark's matrix return: a 32x384 float32 matrix (the shape of a batch-32 MiniLM result)."""
import numpy as np


def matrix() -> np.ndarray:
    return np.ones((32, 384), dtype=np.float32)
