"""Spectral pre- and post-processing with numpy.fft: dominant frequencies, power spectra and spectral features,
filtering and convolution through the frequency domain, and 2-d spectra of small images."""

import numpy as np


# case: {"samples": [0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0], "rate": 8.0}
# case: {"samples": [1.0, 0.5, -0.25, 2.0, -1.5, 0.75, 0.0, 3.0, -2.0, 1.0], "rate": 100.0}
# case: {"samples": [2.0, 2.0, 2.0, 2.0], "rate": 16000.0}
def dominant_frequency(samples: list[float], rate: float) -> float:
    x = np.asarray(samples, dtype=np.float64)
    x = x - x.mean()
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), d=1.0 / rate)
    return float(freqs[int(np.argmax(spectrum))])


# case: {"samples": [0.5, 1.5, -0.5, 2.5, -1.0, 0.25, 3.0, -2.0]}
# case: {"samples": [1.0, -1.0, 1.0, -1.0, 1.0, -1.0]}
def spectral_features(samples: list[float]) -> dict[str, float]:
    x = np.array(samples)
    window = np.hanning(len(x))
    power = np.abs(np.fft.rfft(x * window)) ** 2
    freqs = np.fft.rfftfreq(len(x))
    total = float(power.sum())
    centroid = float((freqs * power).sum() / total)
    cumulative = np.cumsum(power)
    rolloff = float(freqs[int(np.searchsorted(cumulative, 0.85 * total))])
    return {
        "energy": round(total, 6),
        "centroid": round(centroid, 6),
        "rolloff": rolloff,
        "peak_db": round(float(10 * np.log10(power.max())), 4),
    }


# case: {"signal": [1.0, 2.0, 3.0, 4.0], "kernel": [0.25, 0.5, 0.25]}
# case: {"signal": [3.0, -1.0, 4.0, 1.0, -5.0, 9.0], "kernel": [1.0, -1.0]}
def fft_convolve(signal: list[float], kernel: list[float]) -> list[float]:
    n = len(signal) + len(kernel) - 1
    size = 1
    while size < n:
        size *= 2
    product = np.fft.rfft(signal, size) * np.fft.rfft(kernel, size)
    out = np.fft.irfft(product, size)[:n]
    return [round(float(v), 9) for v in out]


# case: {"samples": [0.0, 2.0, 0.5, 3.0, -1.0, 1.5, 0.25, 2.5, -0.5, 1.0, 0.0, 2.0], "keep": 2}
# case: {"samples": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0], "keep": 1}
def lowpass(samples: list[float], keep: int) -> list[float]:
    spectrum = np.fft.rfft(np.array(samples))
    mask = np.arange(len(spectrum)) <= keep
    smooth = np.fft.irfft(spectrum * mask, n=len(samples))
    return [round(float(v), 6) for v in smooth]


# case: {"samples": [1.0, 3.0, 2.0, 5.0, 1.0, 3.0, 2.0, 5.0], "max_lag": 4}
def autocorrelation(samples: list[float], max_lag: int) -> list[float]:
    x = np.array(samples) - np.mean(samples)
    n = len(x)
    spectrum = np.fft.fft(x, 2 * n)
    acf = np.fft.ifft(spectrum * np.conj(spectrum)).real[:n]
    acf = acf / acf[0]
    return [round(float(v), 6) for v in acf[: max_lag + 1]]


# case: {"image": [[1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 4.0, 5.0], [0.0, 1.0, 0.0, 1.0], [4.0, 3.0, 2.0, 1.0]]}
def high_frequency_ratio(image: list[list[float]]) -> float:
    pixels = np.array(image)
    spectrum = np.fft.fftshift(np.abs(np.fft.fft2(pixels)))
    h, w = spectrum.shape
    center = spectrum[h // 2 - 1 : h // 2 + 1, w // 2 - 1 : w // 2 + 1].sum()
    return round(float(1.0 - center / spectrum.sum()), 6)


# case: {"samples": [0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0]}
# case: {"samples": [2.0, -1.0, 0.5]}
def phase_at_peak(samples: list[float]) -> tuple[int, float]:
    spectrum = np.fft.rfft(samples)
    magnitude = np.abs(spectrum)
    k = int(np.argmax(magnitude[1:])) + 1 if len(magnitude) > 1 else 0
    return k, round(float(np.angle(spectrum, deg=True)[k]), 4)


# case: {"frames": [[1.0, 0.0, -1.0, 0.0], [0.5, 0.5, 0.5, 0.5], [2.0, -2.0, 2.0, -2.0]]}
def frame_band_energy(frames: list[list[float]]) -> list[list[float]]:
    spectra = np.fft.rfft(np.array(frames), axis=1)
    energy = (spectra.real**2 + spectra.imag**2) / len(frames[0])
    return np.round(energy, 6).tolist()
