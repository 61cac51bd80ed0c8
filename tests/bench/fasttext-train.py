"""Trains the fastText peer of the Node benchmark on the cyberclause corpus (issue 13).

Run by scripts/bench-peer.sh inside its virtual environment:
    python fasttext-train.py CORPUS_JSONL OUT_BIN [EVAL_JSONL ...]
Reads `text` and `label` of every corpus line, writes fastText's training file beside
OUT_BIN, trains a supervised model and saves it. The eval files, if given, are only
scored (accuracy and macro-F1, for the record): they are never trained on.
"""
import json
import os
import sys

import fasttext

# The settings of issue 13; one thread and a fixed seed make the model reproducible.
SETTINGS = dict(loss="softmax", dim=100, wordNgrams=2, minn=2, maxn=5, epoch=25,
                bucket=200000, lr=0.5, thread=1, seed=1, verbose=0)


def one_line(text):
    # fastText reads one example per line: a newline inside a text would end it.
    return " ".join(text.split())


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_training_file(records, path):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(f"__label__{r['label']} {one_line(r['text'])}\n")


def macro_f1(gold, pred):
    labels = sorted(set(gold))
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def score(model, path):
    records = read_jsonl(path)
    gold = [r["label"] for r in records]
    pred = [model.predict(one_line(r["text"]))[0][0].removeprefix("__label__") for r in records]
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    print(f"fasttext on {os.path.basename(path)} ({len(gold)} passages): "
          f"accuracy {accuracy:.3f}, macro-F1 {macro_f1(gold, pred):.3f}")


def main():
    corpus, out, *evals = sys.argv[1:]
    train_txt = os.path.join(os.path.dirname(out), "fasttext-train.txt")
    records = read_jsonl(corpus)
    write_training_file(records, train_txt)
    model = fasttext.train_supervised(input=train_txt, **SETTINGS)
    model.save_model(out)
    print(f"fasttext: trained on {len(records)} passages ({SETTINGS}), saved {out}")
    for path in evals:
        score(model, path)


if __name__ == "__main__":
    main()
