"""Evaluation code after a fine-tuning run: scikit-learn's classification and regression metrics on label lists
(ints, strings) and prediction arrays, per-class tables, confusion matrices, ranking scores and regression
errors."""

from typing import Optional

import numpy as np
from sklearn import metrics
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
    roc_auc_score,
)


# case: {"y_true": [1, 0, 1, 1, 0, 1], "y_pred": [1, 0, 0, 1, 1, 1]}
# case: {"y_true": [0, 0, 0], "y_pred": [0, 0, 0]}
# case: {"y_true": [0, 1, 2], "y_pred": [0, 1, 1]}
def binary_report(y_true: list[int], y_pred: list[int]) -> dict[str, float]:
    return {
        "acc": round(accuracy_score(y_true, y_pred), 4),
        "p": round(metrics.precision_score(y_true, y_pred, zero_division=0), 4),
        "r": round(metrics.recall_score(y_true, y_pred, zero_division=0), 4),
        "f1": round(f1_score(y_true, y_pred, zero_division=0), 4),
    }


# case: {"gold": ["pos", "neg", "neu", "pos", "neg"], "pred": ["pos", "neu", "neu", "pos", "neg"], "average": "macro"}
# case: {"gold": ["pos", "neg", "neu", "pos", "neg"], "pred": ["pos", "neu", "neu", "pos", "neg"], "average": "weighted"}
# case: {"gold": ["pos", "neg"], "pred": ["neg", "neg"], "average": "micro"}
# case: {"gold": ["pos", "neg"], "pred": ["neg", "neg"], "average": "binary"}
def sentiment_f1(gold: list[str], pred: list[str], average: str) -> float:
    return round(f1_score(gold, pred, average=average), 5)


# case: {"y_true": [0, 1, 2, 2, 1, 0], "y_pred": [0, 2, 2, 2, 1, 1], "names": ["a", "b", "c"]}
def class_table(y_true: list[int], y_pred: list[int], names: list[str]) -> list[str]:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
    rows = []
    for i, name in enumerate(names):
        rows.append(f"{name:>4} {p[i]:.3f} {r[i]:.3f} {f[i]:.3f} {int(s[i])}")
    return rows


# case: {"y_true": [0, 1, 2, 2, 1, 0], "y_pred": [0, 2, 2, 2, 1, 1]}
def macro_summary(y_true: list[int], y_pred: list[int]) -> tuple[float, float, float]:
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="macro")
    return round(p, 4), round(r, 4), round(f, 4)


# case: {"y_true": ["cat", "dog", "cat", "bird"], "y_pred": ["cat", "cat", "cat", "dog"], "labels": ["cat", "dog", "bird"], "normalize": null}
# case: {"y_true": ["cat", "dog", "cat", "bird"], "y_pred": ["cat", "cat", "cat", "dog"], "labels": ["cat", "dog", "bird"], "normalize": "true"}
# case: {"y_true": ["cat"], "y_pred": ["cat"], "labels": ["dog"], "normalize": null}
def confusion(y_true: list[str], y_pred: list[str], labels: list[str], normalize: Optional[str]) -> list[list[float]]:
    if normalize is None:
        return confusion_matrix(y_true, y_pred, labels=labels).astype(float).tolist()
    return np.round(confusion_matrix(y_true, y_pred, labels=labels, normalize=normalize), 4).tolist()


# case: {"y_true": [0, 1, 1, 0], "y_pred": [0, 1, 0, 0]}
def errors_by_cell(y_true: list[int], y_pred: list[int]) -> dict[str, int]:
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel().tolist()
    return {"tn": tn, "fp": fp, "fn": fn, "tp": tp}


# case: {"labels": [0, 0, 1, 1, 1], "scores": [0.1, 0.4, 0.35, 0.8, 0.8]}
# case: {"labels": [1, 1], "scores": [0.1, 0.4]}
def ranking_scores(labels: list[int], scores: list[float]) -> dict[str, float]:
    return {
        "auc": round(roc_auc_score(labels, scores), 6),
        "ap": round(metrics.average_precision_score(labels, np.array(scores)), 6),
    }


# case: {"y_true": [3.0, -0.5, 2.0, 7.0], "y_pred": [2.5, 0.0, 2.0, 8.0]}
# case: {"y_true": [1.0, 1.0], "y_pred": [1.0, 2.0]}
# case: {"y_true": [1.0], "y_pred": [1.0, 2.0]}
def regression_report(y_true: list[float], y_pred: list[float]) -> dict[str, float]:
    mse = metrics.mean_squared_error(y_true, y_pred)
    return {
        "mse": round(mse, 6),
        "rmse": round(metrics.root_mean_squared_error(y_true, y_pred), 6),
        "mae": round(metrics.mean_absolute_error(y_true, y_pred), 6),
        "r2": round(metrics.r2_score(y_true, y_pred), 6),
    }


# case: {"y_true": [1, 2, 3, 4], "y_pred": [1, 2, 4, 4]}
def exact_matches(y_true: list[int], y_pred: list[int]) -> int:
    return int(accuracy_score(y_true, y_pred, normalize=False))


# case: {"y_true": [0, 1, 2, 0, 1, 2], "y_pred": [0, 2, 1, 0, 0, 1]}
def per_class_recall(y_true: list[int], y_pred: list[int]) -> list[float]:
    return metrics.recall_score(y_true, y_pred, average=None).round(4).tolist()


# case: {"gold": [1, 0, 1, 1, 0, 0, 1], "pred": [1, 0, 0, 1, 1, 0, 1]}
# case: {"gold": [0, 0, 0], "pred": [0, 0, 0]}
def glue_scores(gold: list[int], pred: list[int]) -> dict[str, float]:
    """CoLA's MCC, plus agreement and balanced accuracy, as a GLUE evaluation reports them."""
    return {
        "mcc": round(metrics.matthews_corrcoef(gold, pred), 5),
        "kappa": round(metrics.cohen_kappa_score(gold, pred), 5),
        "bal_acc": round(metrics.balanced_accuracy_score(gold, pred), 5),
    }


# case: {"labels": ["cat", "dog", "cat"], "probs": [[0.7, 0.3], [0.4, 0.6], [0.9, 0.1]]}
# case: {"labels": ["cat", "cat"], "probs": [[0.7, 0.3], [0.4, 0.6]]}
def calibration_loss(labels: list[str], probs: list[list[float]]) -> float:
    return round(metrics.log_loss(labels, np.array(probs)), 6)
