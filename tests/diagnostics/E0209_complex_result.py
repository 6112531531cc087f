import numpy as np


# The spectrum itself is complex, and the value JSON has no complex form.
# error: E0209
def f(signal: list[float]):
    return np.fft.rfft(np.array(signal))
