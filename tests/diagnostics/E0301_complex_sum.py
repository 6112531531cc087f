import numpy as np


def f(signal: list[float]) -> float:
    spectrum = np.fft.fft(np.array(signal))
    # error: E0301
    return float(np.sum(spectrum))
