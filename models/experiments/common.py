"""Shared by the experiments: the corpus, its labels and grouped folds."""
import json
import random

import numpy as np

LABELS = ["cyber_dependent", "cyber_enabled", "content_crime", "procedural_power", "safeguard", "other"]
ROWS = [json.loads(l) for l in open("models/corpus/corpus.jsonl", encoding="utf-8")]
Y = np.array([LABELS.index(r["label"]) for r in ROWS])
PRIOR = np.bincount(Y, minlength=6) / len(Y)


def folds(k=5, seed=0):
    """A fold per passage; a translation always shares its parent's fold."""
    groups = [r["source"] if r["origin"] == "translation" else r["id"] for r in ROWS]
    unique = sorted(set(groups))
    random.Random(seed).shuffle(unique)
    fold = {g: i % k for i, g in enumerate(unique)}
    return np.array([fold[g] for g in groups])


def macro_f1(pred, gold):
    scores = []
    for c in range(6):
        tp = ((pred == c) & (gold == c)).sum()
        fp = ((pred == c) & (gold != c)).sum()
        fn = ((pred != c) & (gold == c)).sum()
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def best_prior_correction(scores):
    """Best macro-F1 over the prior corrections `train` tries, and that correction."""
    return max((macro_f1((scores - b * np.log(PRIOR)).argmax(1), Y), b) for b in [0, 0.25, 0.5, 0.75, 1])
