"""Post-processing between a model's outputs and the answer, written the way transformers code writes it:
pooling five ways, cosine-similarity matrices, top-k retrieval, logits to labels, QA spans and token-class
grouping. The tensors are parameters, as a model's outputs would be; CPython's answers come from torch
(tests/corpus/torch_postprocess.recorded.json, written by tools/tensor/record_corpus.py).
"""
import numpy as np
import torch
import torch.nn.functional as F

LABELS = ["negative", "neutral", "positive"]
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def mean_pool_to_dtype(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def mean_pool_expand(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    expanded = mask.unsqueeze(-1).expand(hidden.size()).float()
    summed = torch.sum(hidden * expanded, 1)
    counts = torch.clamp(expanded.sum(1), min=1e-9)
    return summed / counts


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def mean_pool_masked_fill(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    filled = hidden.masked_fill(~mask.bool().unsqueeze(-1), 0.0)
    return filled.sum(dim=1) / mask.sum(dim=1, keepdim=True)


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def mean_pool_einsum(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.type_as(hidden)
    return torch.einsum("bsh,bs->bh", hidden, m) / m.sum(-1, keepdim=True)


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def mean_pool_rows(hidden: torch.Tensor, mask: torch.Tensor) -> list[list[float]]:
    rows = []
    for i in range(hidden.shape[0]):
        n = int(mask[i].sum())
        pooled = hidden[i, :n].mean(dim=0)
        rows.append([round(float(x), 5) for x in pooled])
    return rows


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def max_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    masked = hidden.masked_fill(mask.unsqueeze(-1) == 0, float("-inf"))
    return masked.max(dim=1).values


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [3, 4, 5, 6, 7, 8, 0, 2, 2, 2, 9, 9]}}}
def cls_pool(hidden: torch.Tensor) -> list[list[float]]:
    with torch.no_grad():
        cls = F.normalize(hidden[:, 0], p=2, dim=-1)
    return cls.cpu().numpy().tolist()


# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1, 0, 0, 1, 1, 0]}}, "b": {"ndarray": {"dtype": "float32", "shape": [3, 3], "data": [1, 0, 0, 0, 2, 0, 1, 1, 1]}}}
def cosine_matrix(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    a_n = a / a.norm(dim=-1, keepdim=True)
    b_n = b / b.norm(dim=-1, keepdim=True)
    return a_n @ b_n.t()


# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1, 0, 0, 1, 1, 0]}}, "b": {"ndarray": {"dtype": "float32", "shape": [3, 3], "data": [1, 0, 0, 0, 2, 0, 1, 1, 1]}}}
def cosine_pairwise(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return F.cosine_similarity(a.unsqueeze(1), b.unsqueeze(0), dim=-1)


# case: {"query": {"ndarray": {"dtype": "float32", "shape": [3], "data": [1, 1, 0]}}, "docs": {"ndarray": {"dtype": "float32", "shape": [4, 3], "data": [1, 0, 0, 0, 2, 0.5, 1, 1, 1, -1, -1, 0]}}, "k": 2}
# case: {"query": {"ndarray": {"dtype": "float32", "shape": [3], "data": [1, 1, 0]}}, "docs": {"ndarray": {"dtype": "float32", "shape": [4, 3], "data": [1, 0, 0, 0, 2, 0.5, 1, 1, 1, -1, -1, 0]}}, "k": 9}
def top_k_retrieval(query: torch.Tensor, docs: torch.Tensor, k: int) -> list[tuple[int, float]]:
    q = F.normalize(query.unsqueeze(0), dim=-1)
    d = F.normalize(docs, dim=-1)
    scores = torch.einsum("bd,cd->bc", q, d)[0]
    values, indices = torch.topk(scores, k=min(k, docs.shape[0]))
    return [(int(i), round(float(v), 4)) for v, i in zip(values, indices)]


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [3, 3], "data": [0.1, 2.0, -1.0, 3.0, 0.0, 0.5, -2, -2, 4]}}}
def classify(logits: torch.Tensor) -> list[dict[str, str | float]]:
    with torch.no_grad():
        probs = logits.softmax(dim=-1)
    conf, pred = probs.max(dim=-1)
    return [{"label": LABELS[int(p)], "score": round(c.item(), 4)} for p, c in zip(pred, conf)]


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [0.1, 2.0, -1.0, 3.0, -4.0, 0.5]}}, "threshold": 0.6}
@torch.inference_mode()
def multilabel(logits: torch.Tensor, threshold: float = 0.5) -> list[list[str]]:
    chosen = torch.sigmoid(logits) > threshold
    return [[LABELS[j] for j in range(chosen.shape[1]) if chosen[i, j]] for i in range(chosen.shape[0])]


# case: {"start_logits": {"ndarray": {"dtype": "float32", "shape": [5], "data": [0.1, 3.0, 0.2, -1, 0]}}, "end_logits": {"ndarray": {"dtype": "float32", "shape": [5], "data": [2.0, 0.1, 0.3, 2.5, 0]}}, "max_len": 3}
# case: {"start_logits": {"ndarray": {"dtype": "float32", "shape": [5], "data": [0.1, 3.0, 0.2, -1, 0]}}, "end_logits": {"ndarray": {"dtype": "float32", "shape": [5], "data": [2.0, 0.1, 0.3, 2.5, 0]}}, "max_len": 1}
def qa_span(start_logits: torch.Tensor, end_logits: torch.Tensor, max_len: int = 15) -> tuple[int, int, float]:
    start = start_logits.log_softmax(-1)
    end = end_logits.log_softmax(-1)
    scores = start.unsqueeze(-1) + end.unsqueeze(0)
    n = scores.shape[0]
    idx = torch.arange(n)
    valid = (idx.unsqueeze(0) >= idx.unsqueeze(1)) & (idx.unsqueeze(0) - idx.unsqueeze(1) < max_len)
    scores = scores.masked_fill(~valid, float("-inf"))
    best = int(scores.flatten().argmax().item())
    s, e = divmod(best, n)
    return s, e, round(float(scores[s, e].exp()), 5)


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [6, 5], "data": [5, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [6], "data": [1, 1, 1, 1, 1, 0]}}}
def token_entities(logits: torch.Tensor, mask: torch.Tensor) -> list[tuple[str, int, int]]:
    pred = logits.argmax(dim=-1)
    keep = mask.bool()
    spans: list[tuple[str, int, int]] = []
    for i in range(pred.shape[0]):
        if not keep[i]:
            continue
        tag = TAGS[int(pred[i])]
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][0] != tag[2:] or spans[-1][2] != i)):
            spans.append((tag[2:], i, i + 1))
        elif tag.startswith("I-"):
            kind, start, _ = spans[-1]
            spans[-1] = (kind, start, i + 1)
    return spans


# case: {"hidden": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [3, 4, 0.5, 0.5]}}}
# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [3, 4, 0, 0]}}}
def l2_rows(hidden: torch.Tensor) -> torch.Tensor:
    if hidden.dtype == torch.float64:
        hidden = hidden.float()
    norms = hidden.pow(2).sum(dim=-1, keepdim=True).sqrt()
    return hidden / norms.clamp(min=1e-12)


# case: {"ids": [[101, 7, 8, 102], [101, 9, 102]], "pad": 0}
def pad_batch(ids: list[list[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    longest = max(len(x) for x in ids)
    batch = torch.tensor([row + [pad] * (longest - len(row)) for row in ids], dtype=torch.long)
    return batch, (batch != pad).long()


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def pooled_stats(hidden: torch.Tensor, mask: torch.Tensor) -> dict[str, float]:
    weights = mask.unsqueeze(-1).float()
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
    arr = pooled.detach().cpu().numpy()
    norms = np.linalg.norm(arr, axis=1)
    return {"mean_norm": round(float(norms.mean()), 5), "max_abs": round(float(np.abs(arr).max()), 5)}


# case: {"hidden": {"ndarray": {"dtype": "float32", "shape": [2, 3, 2], "data": [1, 2, 3, 4, 5, 6, -1, 0.5, 2, 2, 9, 9]}}, "mask": {"ndarray": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 0, 1, 0, 0]}}}
def last_token_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    lengths = mask.sum(dim=1) - 1
    rows = torch.arange(hidden.shape[0])
    return hidden[rows, lengths]


# case: {"scores": {"ndarray": {"dtype": "float32", "shape": [2, 4], "data": [1, 2, 3, 4, 0.5, 0.5, 0.5, 2]}}}
# case: {"scores": {"ndarray": {"dtype": "float64", "shape": [3], "data": [3, 3, 3]}}}
def zscore(scores: torch.Tensor) -> torch.Tensor:
    centered = scores - scores.mean(dim=-1, keepdim=True)
    return centered / scores.std(dim=-1, keepdim=True).clamp(min=1e-6)


# case: {"queries": {"ndarray": {"dtype": "float32", "shape": [3, 2], "data": [1, 0, 0, 1, 1, 1]}}, "docs": {"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [0, 3, 2, 0.1]}}, "batch_size": 2}
@torch.no_grad()
def batched_best_match(queries: torch.Tensor, docs: torch.Tensor, batch_size: int) -> list[int]:
    best: list[int] = []
    docs_n = F.normalize(docs, dim=-1)
    for start in range(0, queries.shape[0], batch_size):
        chunk = F.normalize(queries[start : start + batch_size], dim=-1)
        sims = chunk @ docs_n.T
        for i in sims.argmax(dim=1):
            best.append(int(i))
    return best


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [3, 3], "data": [0.1, 2.0, -1.0, 3.0, 0.0, 0.5, -2, -2, 4]}}, "threshold": 0.8}
# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [1, 2], "data": [0, 0]}}, "threshold": 0.4}
def confident(logits: torch.Tensor, threshold: float) -> tuple[int, bool, bool]:
    probs = logits.softmax(-1)
    top = probs.max(dim=-1).values
    keep = (top > threshold) & (probs.argmax(-1) != 0)
    return int(keep.sum()), bool(keep.any()), bool(keep.all())


# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}}, "b": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [0, 1, 0, 1, 0, 1]}}}
def fuse_views(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
    stacked = torch.stack([a, b], dim=1)
    joined = torch.cat([a, b], dim=-1).view(a.shape[0], 2, -1)
    swapped = stacked.permute(0, 2, 1).flatten(1)
    return torch.where(joined > 2, joined, torch.zeros_like(joined)), swapped, list(swapped.shape)


# case: {"hidden": {"ndarray": {"dtype": "float64", "shape": [2, 2], "data": [1, 2, 3, 4]}}}
# case: {"hidden": {"ndarray": {"dtype": "int64", "shape": [2, 2], "data": [1, 2, 3, 4]}}}
def as_float32(hidden: torch.Tensor) -> tuple[torch.Tensor, bool, int, int]:
    with torch.set_grad_enabled(False):
        converted = hidden if hidden.dtype == torch.float32 else hidden.to(torch.float32)
    return converted, hidden.is_floating_point(), converted.ndim, converted.numel()


# case: {"frames": {"ndarray": {"dtype": "float32", "shape": [2, 5], "data": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}}, "width": 4}
def chunk_frames(frames: torch.Tensor, width: int) -> torch.Tensor:
    extra = (-frames.shape[-1]) % width
    padded = F.pad(frames, (0, extra), value=0.0)
    return padded.unflatten(-1, (-1, width)).sum(dim=(0, 2))


# case: {"logits": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [0.1, 2.0, -1.0, 3.0, -4.0, 0.5]}}, "temperature": 2.0}
def calibrated(logits: torch.Tensor, temperature: float) -> tuple[torch.Tensor, torch.Tensor]:
    scaled = logits / temperature
    log_probs = F.log_softmax(scaled, dim=-1)
    entropy = -(log_probs.exp() * log_probs).sum(-1)
    return log_probs.argmax(-1), entropy


# case: {"scores": [[0.2, 0.9], [0.7, 0.1]], "labels": [1, 0]}
def accuracy(scores: list[list[float]], labels: list[int]) -> float:
    preds = torch.tensor(scores).argmax(dim=1)
    target = torch.tensor(labels, dtype=torch.long)
    return (preds == target).float().mean().item()


# case: {"scores": {"ndarray": {"dtype": "float32", "shape": [5], "data": [0.1, 0.7, 0.3, 0.9, 0.2]}}, "k": 3}
# case: {"scores": {"ndarray": {"dtype": "float32", "shape": [2], "data": [0.5, 0.25]}}, "k": 3}
def rerank_order(scores: torch.Tensor, k: int) -> list[tuple[int, float]]:
    order = scores.argsort(descending=True)[:k]
    picked = (scores[order] * 100).round() / 100
    return [(int(i), float(s)) for i, s in zip(order, picked)]


# case: {"start": {"ndarray": {"dtype": "float32", "shape": [6], "data": [0.1, 0.9, 0.2, 0.8, 0.1, 0.7]}}, "threshold": 0.5}
# case: {"start": {"ndarray": {"dtype": "float32", "shape": [3], "data": [0.1, 0.2, 0.3]}}, "threshold": 0.5}
def candidate_starts(start: torch.Tensor, threshold: float) -> tuple[torch.Tensor, int, bool]:
    hits = (start > threshold).nonzero().squeeze(-1)
    return hits, hits.numel(), bool(torch.isfinite(start).all())


# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}}, "b": {"ndarray": {"dtype": "float32", "shape": [2, 2], "data": [1, 0, 0, 1]}}}
# case: {"a": {"ndarray": {"dtype": "float32", "shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}}, "b": {"ndarray": {"dtype": "float32", "shape": [3, 2], "data": [1, 0, 0, 1, 1, 1]}}}
def project(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.mm(a.t(), b).relu()
