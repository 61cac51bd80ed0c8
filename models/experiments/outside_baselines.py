"""scikit-learn baselines on the same corpus, as a check of the ceiling (see README.md)."""
import sys
import unicodedata

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.svm import LinearSVC

from common import ROWS, Y, best_prior_correction, folds


def fold_case(text):
    """Lower case without accents, as the product's features do."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


TEXTS = [fold_case(r["text"]) for r in ROWS]
FOLD = folds()


def vectorise(train, test, chars=True):
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    a, b = words.fit_transform(train), words.transform(test)
    if chars:
        grams = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        a = hstack([a, grams.fit_transform(train)]).tocsr()
        b = hstack([b, grams.transform(test)]).tocsr()
    return a, b


def cross_validate(name, scores_of):
    out = np.zeros((len(Y), 6))
    for f in range(5):
        train, test = np.where(FOLD != f)[0], np.where(FOLD == f)[0]
        out[test] = scores_of([TEXTS[i] for i in train], Y[train], [TEXTS[i] for i in test])
    f1, beta = best_prior_correction(out)
    print(f"{name}: macro-F1 {f1:.4f} (prior correction {beta})", flush=True)


def linear(make, chars=True):
    def scores_of(train, y, test):
        a, b = vectorise(train, test, chars)
        return make().fit(a, y).decision_function(b)
    return scores_of


def network(train, y, test):
    a, b = vectorise(train, test)
    keep = SelectKBest(chi2, k=20000).fit(a, y)
    mlp = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-3, max_iter=60, random_state=0)
    return np.log(mlp.fit(keep.transform(a), y).predict_proba(keep.transform(b)) + 1e-12)


for c in [10, 30, 100]:
    cross_validate(f"logistic regression C={c}", linear(lambda: LogisticRegression(C=c, max_iter=2000)))
for c in [0.3, 1]:
    cross_validate(f"linear SVM C={c}", linear(lambda: LinearSVC(C=c)))
cross_validate("logistic regression C=30, words only", linear(lambda: LogisticRegression(C=30, max_iter=2000), chars=False))
if "--mlp" in sys.argv:
    cross_validate("one hidden layer of 256 units, 20,000 chi-square terms", network)
