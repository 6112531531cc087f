"""numpy along an axis: per-row top-k with argsort/take_along_axis, masking maxima, inserting and deleting entries."""
import numpy as np


# case: {"scores": [[0.1, 0.7, 0.2], [0.5, 0.4, 0.9]], "k": 2}
# case: {"scores": [[3.0, 1.0]], "k": 1}
def row_top_k(scores: list[list[float]], k: int) -> tuple[list[list[int]], list[list[float]]]:
    s = np.array(scores, dtype=np.float32)
    order = np.argsort(-s, axis=1)[:, :k]
    top = np.take_along_axis(s, order, axis=1)
    return order.tolist(), top.tolist()


# case: {"logits": [[1.5, 5.0, 2.0], [0.0, -1.5, 3.0]]}
def suppress_best(logits: list[list[float]]) -> list[list[float]]:
    x = np.array(logits)
    best = np.argmax(x, axis=1)[:, None]
    np.put_along_axis(x, best, -np.inf, axis=1)
    runner_up = np.take_along_axis(x, np.argmax(x, axis=1)[:, None], axis=1)
    return np.concatenate([x, runner_up], axis=1).tolist()


# case: {"ids": [101, 7592, 2088, 102], "pad_at": [3]}
# case: {"ids": [5], "pad_at": []}
def edit_ids(ids: list[int], pad_at: list[int]) -> tuple[list[int], list[int]]:
    arr = np.array(ids)
    with_cls = np.insert(arr, 0, 0)
    trimmed = np.delete(with_cls, [p + 1 for p in pad_at])
    return with_cls.tolist(), trimmed.tolist()


# case: {"table": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "col": 1}
# case: {"table": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "col": -1}
def drop_column(table: list[list[float]], col: int) -> list[list[float]]:
    return np.delete(np.array(table), col, axis=1).tolist()
