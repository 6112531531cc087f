"""Evaluation code that scores a model's outputs with torch's losses: perplexity of a causal LM from its logits,
token-level losses with padding ignored, label smoothing, multi-label heads, distillation gaps and regression
errors. The outputs arrive as lists, as a service receives them; CPython's answers come from torch
(tests/corpus/torch_eval_losses.recorded.json, written by tools/tensor/record_corpus.py).
"""
import math

import torch
import torch.nn.functional as F

PAD_LABEL = -100


# case: {"logits": [[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [1.2, -0.4, 2.2], [0.0, 0.0, 0.5]], "input_ids": [0, 1, 2, 1]}
# case: {"logits": [[1.5, 0.5]], "input_ids": [1]}
def causal_lm_perplexity(logits: list[list[float]], input_ids: list[int]) -> float:
    scores = torch.tensor(logits)
    ids = torch.tensor(input_ids)
    # Each position predicts the next token.
    shift_logits = scores[:-1, :]
    shift_labels = ids[1:]
    if shift_labels.numel() == 0:
        return float("nan")
    loss = F.cross_entropy(shift_logits, shift_labels)
    return round(math.exp(loss.item()), 4)


# case: {"logits": [[[1.0, 0.2], [0.3, 2.0], [0.5, 0.5]]], "labels": [[1, -100, 0]]}
# case: {"logits": [[[1.0, 0.2], [0.3, 2.0]]], "labels": [[-100, -100]]}
def token_classification_loss(logits: list[list[list[float]]], labels: list[list[int]]) -> list[float]:
    scores = torch.tensor(logits)
    gold = torch.tensor(labels)
    num_labels = scores.shape[-1]
    per_token = F.cross_entropy(scores.view(-1, num_labels), gold.view(-1), ignore_index=PAD_LABEL, reduction="none")
    mean = F.cross_entropy(scores.view(-1, num_labels), gold.view(-1), ignore_index=PAD_LABEL)
    return [round(x, 5) for x in per_token.tolist()] + [round(mean.item(), 5) if not math.isnan(mean.item()) else -1.0]


# case: {"logits": [[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]], "labels": [0, 2], "smoothing": 0.1}
# case: {"logits": [[2.0, 0.5, -1.0]], "labels": [1], "smoothing": 0.0}
# case: {"logits": [[2.0, 0.5, -1.0]], "labels": [1], "smoothing": 1.5}
def smoothed_loss(logits: list[list[float]], labels: list[int], smoothing: float) -> float:
    return round(F.cross_entropy(torch.tensor(logits), torch.tensor(labels), label_smoothing=smoothing).item(), 5)


# case: {"logits": [[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]], "labels": [0, 2], "class_weights": [1.0, 2.5, 0.5]}
# case: {"logits": [[2.0, 0.5, -1.0]], "labels": [3], "class_weights": [1.0, 2.5, 0.5]}
def weighted_class_loss(logits: list[list[float]], labels: list[int], class_weights: list[float]) -> float:
    weight = torch.tensor(class_weights)
    return round(F.cross_entropy(torch.tensor(logits), torch.tensor(labels), weight=weight).item(), 5)


# case: {"student": [[1.0, 2.0, 0.5], [0.2, 0.1, 3.0]], "teacher": [[1.5, 1.8, 0.0], [0.0, 0.4, 2.5]], "temperature": 2.0}
def distillation_gap(student: list[list[float]], teacher: list[list[float]], temperature: float) -> float:
    s = F.log_softmax(torch.tensor(student) / temperature, dim=-1)
    t = F.softmax(torch.tensor(teacher) / temperature, dim=-1)
    return round(F.kl_div(s, t, reduction="batchmean").item() * temperature**2, 6)


# case: {"logits": [[2.0, -1.0, 0.5], [-0.3, 0.8, -2.0], [0.4, -0.6, 1.1]], "targets": [[1, 0, 1], [0, 0, 1], [0, 1, 1]]}
def multilabel_report(logits: list[list[float]], targets: list[list[int]]) -> dict[str, float]:
    x = torch.tensor(logits)
    y = torch.tensor(targets).float()
    positives = y.sum(dim=0)
    pos_weight = (y.shape[0] - positives) / positives.clamp(min=1.0)
    plain = F.binary_cross_entropy_with_logits(x, y)
    balanced = F.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight)
    probs = torch.sigmoid(x)
    return {
        "bce": round(plain.item(), 5),
        "balanced": round(balanced.item(), 5),
        "prob_bce": round(F.binary_cross_entropy(probs, y).item(), 5),
    }


# case: {"preds": [2.5, 0.0, 2.1, 7.8], "gold": [3.0, -0.5, 2.0, 7.0]}
# case: {"preds": [1.5], "gold": [1.5]}
def regression_errors(preds: list[float], gold: list[float]) -> dict[str, float]:
    p, g = torch.tensor(preds), torch.tensor(gold)
    return {
        "mse": round(F.mse_loss(p, g).item(), 5),
        "rmse": round(math.sqrt(F.mse_loss(p, g).item()), 5),
        "mae": round(F.l1_loss(p, g).item(), 5),
        "huber": round(F.huber_loss(p, g, delta=0.5).item(), 5),
        "smooth_l1": round(F.smooth_l1_loss(p, g, beta=0.5).item(), 5),
        "worst": round(F.l1_loss(p, g, reduction="none").max().item(), 5),
    }


# case: {"log_probs": [[-0.2, -1.8, -3.0], [-2.5, -0.1, -3.2]], "labels": [0, 1], "mode": "sum"}
# case: {"log_probs": [[-0.2, -1.8, -3.0]], "labels": [0], "mode": "average"}
def nll_from_log_probs(log_probs: list[list[float]], labels: list[int], mode: str) -> float:
    return round(F.nll_loss(torch.tensor(log_probs), torch.tensor(labels), reduction=mode).item(), 5)
