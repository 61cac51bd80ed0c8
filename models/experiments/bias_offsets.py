"""Per-label bias offsets tuned for macro-F1, scored out of sample (see README.md)."""
import json
import sys

import numpy as np

from common import PRIOR, Y, folds, macro_f1

logits = np.array(json.load(open(sys.argv[1])))


def tune(z, gold):
    """Coordinate search from the shipped prior correction (0.25)."""
    bias = -0.25 * np.log(PRIOR)
    best = macro_f1((z + bias).argmax(1), gold)
    for _ in range(3):
        for c in range(6):
            for step in np.linspace(-1, 1, 41):
                trial = bias.copy()
                trial[c] += step
                score = macro_f1((z + trial).argmax(1), gold)
                if score > best + 1e-9:
                    best, bias = score, trial
    return bias


fold = folds()
pred = np.zeros(len(Y), int)
for f in range(5):
    bias = tune(logits[fold != f], Y[fold != f])
    pred[fold == f] = (logits[fold == f] + bias).argmax(1)
print(f"prior correction 0.25: {macro_f1((logits - 0.25 * np.log(PRIOR)).argmax(1), Y):.4f}")
print(f"per-label offsets, tuned on four folds: {macro_f1(pred, Y):.4f}")
