"""Indexed updates on torch tensors as decoding and evaluation code writes them: token-id histograms with
scatter_add_, repetition penalties gathered from counts, per-class sums with index_add_, and banned columns blanked
with index_fill_."""

import torch


# case: {"ids": [[1, 3, 1, 4], [0, 0, 2, 2]], "vocab": 5}
def token_histogram(ids: list[list[int]], vocab: int) -> list[list[float]]:
    t = torch.tensor(ids)
    counts = torch.zeros(t.shape[0], vocab)
    counts.scatter_add_(1, t, torch.ones(t.shape, dtype=torch.float32))
    return counts.tolist()


# case: {"logits": [[2.0, 1.0, 0.5, -1.0]], "history": [[0, 0, 2]], "penalty": 0.5}
def frequency_penalty(logits: list[list[float]], history: list[list[int]], penalty: float) -> list[list[float]]:
    scores = torch.tensor(logits)
    hist = torch.tensor(history)
    freq = torch.zeros_like(scores).scatter_add(1, hist, torch.ones_like(hist, dtype=scores.dtype))
    return torch.round(scores - penalty * freq, decimals=4).tolist()


# case: {"embeddings": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "labels": [0, 1, 0], "classes": 2}
# case: {"embeddings": [[1.0, 2.0]], "labels": [3], "classes": 2}
def class_sums(embeddings: list[list[float]], labels: list[int], classes: int) -> list[list[float]]:
    x = torch.tensor(embeddings)
    sums = torch.zeros(classes, x.shape[1])
    sums.index_add_(0, torch.tensor(labels), x)
    return sums.tolist()


# case: {"logits": [[0.5, 1.5, 2.5], [3.0, -1.0, 0.0]], "banned": [1]}
# case: {"logits": [[0.5, 1.5, 2.5]], "banned": [0, 2]}
def ban_tokens(logits: list[list[float]], banned: list[int]) -> list[int]:
    scores = torch.tensor(logits)
    scores.index_fill_(1, torch.tensor(banned), float("-inf"))
    return scores.argmax(dim=-1).tolist()


# case: {"values": [1, 2, 3, 4], "positions": [0, 2]}
def zero_positions(values: list[int], positions: list[int]) -> list[int]:
    t = torch.tensor(values)
    return t.index_fill(0, torch.tensor(positions), 0).tolist()
