"""Evaluation metrics in numpy (no scikit-learn)."""

import numpy as np


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (Mann–Whitney U with tied ranks averaged)."""
    y = np.asarray(labels).astype(bool).ravel()
    s = np.asarray(scores, dtype=np.float64).ravel()
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def precision_recall(labels: np.ndarray, scores: np.ndarray, threshold: float) -> tuple[float, float]:
    y = np.asarray(labels).astype(bool).ravel()
    predicted = np.asarray(scores).ravel() >= threshold
    tp = int((predicted & y).sum())
    precision = tp / int(predicted.sum()) if predicted.any() else 0.0
    recall = tp / int(y.sum()) if y.any() else 0.0
    return float(precision), float(recall)


def summary(labels, scores, threshold: float) -> dict:
    precision, recall = precision_recall(labels, scores, threshold)
    return {
        "roc_auc": round(roc_auc(labels, scores), 4),
        "threshold": threshold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
    }
