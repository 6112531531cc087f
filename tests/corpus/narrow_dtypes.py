"""Image and embedding code on numpy's narrow dtypes: uint8 pixels, int8 quantisation, float16 storage, dtype checks."""
import numpy as np


# case: {"pixels": [0.0, 0.25, 0.5, 1.0, 1.2, -0.1], "h": 2, "w": 3}
# case: {"pixels": [0.999, 0.001], "h": 1, "w": 2}
# case: {"pixels": [], "h": 0, "w": 3}
def to_uint8_image(pixels: list[float], h: int, w: int) -> list[list[int]]:
    a = np.clip(np.array(pixels, dtype=np.float32) * 255.0, 0, 255).astype(np.uint8)
    return a.reshape(h, w).tolist()


# case: {"v": [0.5, -1.0, 0.25, 0.0]}
# case: {"v": [3.0, 2.9, -0.01]}
def quantize_int8(v: list[float]) -> tuple[list[int], float]:
    x = np.array(v, dtype=np.float32)
    scale = float(np.abs(x).max()) / 127.0
    q = np.round(x / scale).astype(np.int8)
    return q.tolist(), scale


# case: {"q": [127, -127, 64, 0], "scale": 0.5}
# case: {"q": [200], "scale": 1.0}
def dequantize_int8(q: list[int], scale: float) -> list[float]:
    codes = np.array(q, dtype=np.int8)
    return (codes.astype(np.float32) * scale).tolist()


# case: {"pixels": [10, 250, 128], "delta": 20}
# case: {"pixels": [10, 250, 128], "delta": -30}
def brighten_saturating(pixels: list[int], delta: int) -> list[int]:
    a = np.array(pixels, dtype=np.uint8)
    return np.clip(a.astype(np.int16) + delta, 0, 255).astype(np.uint8).tolist()


# case: {"pixels": [10, 250, 128], "delta": 20}
# case: {"pixels": [10, 250, 128], "delta": 300}
# case: {"pixels": [0, 1], "delta": -1}
def brighten_wrapping(pixels: list[int], delta: int) -> list[int]:
    a = np.array(pixels, dtype=np.uint8)
    return (a + delta).tolist()


# case: {"pixels": [1, 2, 250, 251]}
# case: {"pixels": [255]}
def dtype_report(pixels: list[int]) -> str:
    a = np.array(pixels, dtype=np.uint8)
    total = a.sum()
    peak = a.max()
    return f"{a.dtype} itemsize={a.itemsize} nbytes={a.nbytes} sum={total} peak={peak!r} next={peak + 1!r}"


# case: {"xs": [0.1, 1.0, 3.14159, 1000.5]}
# case: {"xs": [70000.0]}
def float16_error(xs: list[float]) -> float:
    full = np.array(xs, dtype=np.float64)
    half = full.astype(np.float16)
    return float(np.abs(half.astype(np.float64) - full).max())


# case: {"mask": [[true, false], [false, true]]}
def mask_to_bytes(mask: list[list[bool]]) -> list[int]:
    return (np.array(mask) * 255).astype(np.uint8).ravel().tolist()


# case: {"v": 100}
# case: {"v": 40000}
# case: {"v": -32768}
def fits_int16(v: int) -> tuple[bool, int, int]:
    info = np.iinfo(np.int16)
    return info.min <= v <= info.max, info.min, info.max


# case: {"x": 40000.0}
# case: {"x": 0.1}
# case: {"x": 1e-06}
def half_overflow(x: float) -> str:
    h = np.float16(x)
    return f"{h!r} {h * np.float16(2)!r} {float(np.finfo(np.float16).eps)}"


# case: {"pixels": [0, 255, 128, 64, 32, 16], "h": 1, "w": 2}
def normalize_rgb(pixels: list[int], h: int, w: int) -> list[list[list[float]]]:
    a = np.array(pixels, dtype=np.uint8).reshape(h, w, 3)
    x = a.astype(np.float32) / 255.0
    return ((x - 0.5) / 0.5).round(4).tolist()


# case: {"a": [1, 2, 3], "b": [-1, -2, 100]}
def mixed_promotion(a: list[int], b: list[int]) -> list[str]:
    u = np.array(a, dtype=np.uint8)
    i = np.array(b, dtype=np.int8)
    h = np.array(a, dtype=np.float16)
    return [str((u + i).dtype), str((u * 2.5).dtype), str((u + h).dtype), str((i / 2).dtype), str((u + i).tolist())]


# case: {"pixels": [12, 200, 255, 0]}
def is_image_dtype(pixels: list[int]) -> tuple[bool, bool, str]:
    a = np.array(pixels, dtype=np.uint8)
    f = a.astype(np.float32) / 255
    return a.dtype == np.uint8, f.dtype == np.uint8, str(f.dtype)
