"""The outside check of the model card: scikit-learn on the same corpus, scored on real law.

    python3 models/experiments/outside_check.py     (from the repository root; needs
    numpy, scipy and scikit-learn)

LinearSVC (C = 1) and LogisticRegression (C = 1, and C = 10) on word 1-2-gram plus
character 3-5-gram (inside word boundaries) TF-IDF of `models/corpus/corpus.jsonl`,
folded as the product folds text; macro-F1 on `shared/eval/dev.jsonl`, `dev2.jsonl` and
both, per language. Writes `models/experiments/outside_check.json`, which `cyberclause
train` copies into the model card.
"""
import json
import unicodedata
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
LABELS = ["cyber_dependent", "cyber_enabled", "content_crime", "procedural_power", "safeguard", "other"]


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def load(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def macro_f1(pred, gold):
    scores = []
    for c in range(6):
        tp = int(((pred == c) & (gold == c)).sum())
        fp = int(((pred == c) & (gold != c)).sum())
        fn = int(((pred != c) & (gold == c)).sum())
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def main():
    corpus = load(ROOT / "models" / "corpus" / "corpus.jsonl")
    sets = {name: load(EVAL / f"{name}.jsonl") for name in ("dev", "dev2")}
    sets["both"] = sets["dev"] + sets["dev2"]
    train = [fold(r["text"]) for r in corpus]
    y = np.array([LABELS.index(r["label"]) for r in corpus])
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    x = hstack([words.fit_transform(train), chars.fit_transform(train)]).tocsr()
    models = {
        "scikit-learn LinearSVC (C=1)": LinearSVC(C=1.0),
        "scikit-learn LogisticRegression (C=1)": LogisticRegression(C=1.0, max_iter=3000),
        "scikit-learn LogisticRegression (C=10)": LogisticRegression(C=10.0, max_iter=3000),
    }
    out = {}
    for name, model in models.items():
        model.fit(x, y)
        out[name] = {}
        for set_name, rows in sets.items():
            texts = [fold(r["text"]) for r in rows]
            xe = hstack([words.transform(texts), chars.transform(texts)]).tocsr()
            pred, gold = model.predict(xe), np.array([LABELS.index(r["label"]) for r in rows])
            lang = np.array([r["lang"] for r in rows])
            out[name][set_name] = {code: macro_f1(pred[lang == code], gold[lang == code]) for code in ("fr", "en")}
        print(name, json.dumps(out[name]), flush=True)
    path = ROOT / "models" / "experiments" / "outside_check.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
