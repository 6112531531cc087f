"""Pre- and post-processing written against numpy as a module: boxes, logits, audio frames, histograms, masks."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# case: {"a": {"ndarray": {"dtype": "float64", "shape": [4], "data": [0, 0, 10, 10]}}, "b": {"ndarray": {"dtype": "float64", "shape": [4], "data": [5, 5, 15, 15]}}}
# case: {"a": {"ndarray": {"dtype": "float32", "shape": [4], "data": [0, 0, 1, 1]}}, "b": {"ndarray": {"dtype": "float32", "shape": [4], "data": [2, 2, 3, 3]}}}
def box_iou(a: np.ndarray, b: np.ndarray) -> float:
    x1 = max(a[0], b[0])
    y1 = max(a[1], b[1])
    x2 = min(a[2], b[2])
    y2 = min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    return float(inter / (area_a + area_b - inter))


# case: {"boxes": {"ndarray": {"dtype": "float64", "shape": [5, 4], "data": [0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30, 0, 0, 9, 9, 21, 19, 31, 29]}}, "scores": {"ndarray": {"dtype": "float64", "shape": [5], "data": [0.9, 0.8, 0.7, 0.95, 0.3]}}}
# case: {"boxes": {"ndarray": {"dtype": "float64", "shape": [5, 4], "data": [0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30, 0, 0, 9, 9, 21, 19, 31, 29]}}, "scores": {"ndarray": {"dtype": "float64", "shape": [5], "data": [0.1, 0.2, 0.3, 0.4, 0.5]}}, "iou_threshold": 0.9}
# case: {"boxes": {"ndarray": {"dtype": "float64", "shape": [0, 4], "data": []}}, "scores": {"ndarray": {"dtype": "float64", "shape": [0], "data": []}}}
def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float = 0.5) -> list[int]:
    x1 = boxes[:, 0]
    y1 = boxes[:, 1]
    x2 = boxes[:, 2]
    y2 = boxes[:, 3]
    areas = (x2 - x1) * (y2 - y1)
    order = scores.argsort()[::-1]
    keep = []
    while order.size > 0:
        i = order[0]
        keep.append(int(i))
        xx1 = np.maximum(x1[i], x1[order[1:]])
        yy1 = np.maximum(y1[i], y1[order[1:]])
        xx2 = np.minimum(x2[i], x2[order[1:]])
        yy2 = np.minimum(y2[i], y2[order[1:]])
        w = np.maximum(0.0, xx2 - xx1)
        h = np.maximum(0.0, yy2 - yy1)
        inter = w * h
        ovr = inter / (areas[i] + areas[order[1:]] - inter)
        inds = np.where(ovr <= iou_threshold)[0]
        order = order[inds + 1]
    return keep


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [2, 5], "data": [1.0, 2.0, 0.5, -1.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.1]}}}
# case: {"logits": {"ndarray": {"dtype": "float64", "shape": [1, 4], "data": [10, 9, 8, 7]}}, "k": 2}
def top_k_softmax(logits: np.ndarray, k: int = 3) -> list[list[tuple[int, float]]]:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(shifted)
    probs = probs / probs.sum(axis=-1, keepdims=True)
    top = np.argsort(-probs, axis=-1, kind="stable")[:, :k]
    out = []
    for row in range(probs.shape[0]):
        out.append([(int(j), round(float(probs[row, j]), 4)) for j in top[row]])
    return out


# case: {"signal": {"ndarray": {"dtype": "float64", "shape": [10], "data": [0, 1, 0, -1, 0, 1, 0, -1, 0, 1]}}}
# case: {"signal": {"ndarray": {"dtype": "float32", "shape": [7], "data": [0.5, 0.25, 0.0, -0.25, -0.5, 0.0, 0.1]}}, "frame_length": 3, "hop": 1}
def frame_energy_db(signal: np.ndarray, frame_length: int = 4, hop: int = 2) -> list[float]:
    frames = sliding_window_view(signal, frame_length)[::hop]
    window = np.hanning(frame_length + 2)[1:-1]
    energy = np.sqrt(np.mean((frames * window) ** 2, axis=1))
    db = 20 * np.log10(np.maximum(energy, 1e-10))
    return [round(float(x), 3) for x in db]


# case: {"values": [0.5, 1.5, 1.7, 3.2, 4.0, 2.2]}
# case: {"values": [1.0, 1.0, 1.0], "bins": 2}
def histogram_cdf(values: list[float], bins: int = 4) -> tuple[list[int], list[float], list[float]]:
    arr = np.asarray(values, dtype=np.float64)
    counts, edges = np.histogram(arr, bins=bins)
    cdf = np.cumsum(counts) / counts.sum()
    return counts.tolist(), np.round(edges, 3).tolist(), cdf.tolist()


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [4, 2], "data": [1, 10, 2, 20, 3, 30, 100, 40]}}}
# case: {"x": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1, 1, 1, 1]}}}
def robust_scale(x: np.ndarray) -> np.ndarray:
    med = np.median(x, axis=0)
    q = np.percentile(x, [25, 75], axis=0)
    iqr = q[1] - q[0]
    iqr = np.where(iqr == 0, 1.0, iqr)
    return (x - med) / iqr


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [6], "data": [1.0, {"float": "nan"}, -5.0, 3.0, 12.0, 0.5]}}, "lo": 0.0, "hi": 10.0}
def clean_and_clip(x: np.ndarray, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    out = x.copy()
    out[np.isnan(out)] = 0.0
    out[out < lo] = lo
    out[out > hi] = hi
    return x, out


# case: {"labels": {"ndarray": {"dtype": "int64", "shape": [7], "data": [0, 2, 2, 1, 2, 0, 4]}}, "n_classes": 5}
# case: {"labels": {"ndarray": {"dtype": "int64", "shape": [0], "data": []}}, "n_classes": 2}
def class_histogram(labels: np.ndarray, n_classes: int) -> tuple[list[int], list[int], float]:
    counts = np.zeros(n_classes, dtype=np.int64)
    np.add.at(counts, labels, 1)
    direct = np.bincount(labels, minlength=n_classes)
    share = counts.max() / max(1, len(labels))
    return counts.tolist(), direct.tolist(), share


# case: {"x": [1.0, 2.0, 6.0, 2.0, 1.0]}
# case: {"x": [3.0, 3.0, 3.0], "w": 2}
def moving_average(x: list[float], w: int = 3) -> list[float]:
    arr = np.array(x)
    kernel = np.ones(w) / w
    return np.convolve(arr, kernel, mode="valid").round(6).tolist()


# case: {"ids": [5, 3, 5, 1, 3, 5, 9]}
# case: {"ids": [2]}
def token_frequencies(ids: list[int]) -> tuple[list[int], list[int], list[int]]:
    values, first, counts = np.unique(np.array(ids), return_index=True, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return values[order].tolist(), first[order].tolist(), counts[order].tolist()


# case: {"a": [1, 2, 3, 4, 5], "b": [4, 5, 6]}
def set_report(a: list[int], b: list[int]) -> dict[str, list[int]]:
    x = np.array(a)
    y = np.array(b)
    return {
        "both": np.intersect1d(x, y).tolist(),
        "either": np.union1d(x, y).tolist(),
        "only_a": np.setdiff1d(x, y).tolist(),
        "mask": np.isin(x, y).astype(np.int64).tolist(),
    }


# case: {"t": {"ndarray": {"dtype": "float64", "shape": [4], "data": [0.0, 1.0, 2.0, 4.0]}}, "y": {"ndarray": {"dtype": "float64", "shape": [4], "data": [0.0, 10.0, 5.0, 5.0]}}}
def resample(t: np.ndarray, y: np.ndarray, n: int = 5) -> list[float]:
    grid = np.linspace(0.0, 4.0, n)
    return np.round(np.interp(grid, t, y), 4).tolist()


# case: {"scores": {"ndarray": {"dtype": "float64", "shape": [6], "data": [0.1, 0.9, 0.35, 0.9, 0.05, 0.6]}}, "threshold": 0.3}
def threshold_report(scores: np.ndarray, threshold: float = 0.5) -> str:
    hits = np.flatnonzero(scores > threshold)
    best = scores[np.argmax(scores)]
    spread = np.ptp(scores)
    return f"{len(hits)} hits {hits.tolist()}, best {best:.2f}, spread {spread:.3f}, median {np.median(scores)}"


# case: {"image": {"ndarray": {"dtype": "float64", "shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}}}
def pad_and_pool(image: np.ndarray) -> np.ndarray:
    padded = np.pad(image, ((1, 1), (1, 1)), mode="edge")
    rows = sliding_window_view(padded, 3, axis=0)
    return rows.mean(axis=-1)


# case: {"x": {"ndarray": {"dtype": "float64", "shape": [5], "data": [3.0, -1.0, 2.5, 0.0, 7.0]}}}
def describe(x: np.ndarray) -> dict[str, float]:
    return {
        "mean": round(float(np.mean(x)), 4),
        "std": round(float(np.std(x)), 4),
        "p90": round(float(np.percentile(x, 90)), 4),
        "cum_last": float(np.cumsum(x)[-1]),
        "prod": float(np.prod(x)),
        "nonzero": float(np.count_nonzero(x)),
    }


# case: {"probs": {"ndarray": {"dtype": "float32", "shape": [4], "data": [0.1, 0.6, 0.25, 0.05]}}, "labels": ["cat", "dog", "owl", "eel"]}
# case: {"probs": {"ndarray": {"dtype": "float64", "shape": [2], "data": [0.5, 0.5]}}, "labels": ["yes", "no"]}
def best_label(probs: np.ndarray, labels: list[str]) -> tuple[str, float, bool]:
    order = np.argsort(probs)
    top = order[-1]
    confidence = probs[top]
    return labels[top], confidence, confidence > 0.55


# case: {"scores": {"ndarray": {"dtype": "float64", "shape": [3], "data": [2.5, -1.0, 0.25]}}}
def score_summary(scores: np.ndarray) -> dict[str, float]:
    return {"first": scores[0] * 2.0, "peak": scores.max(), "mean": scores.mean(), "floor": max(scores[1], 0.0)}


