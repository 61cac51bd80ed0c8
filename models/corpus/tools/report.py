"""Tables for models/corpus/README.md from the corpus and its sources.

    python3 models/corpus/tools/report.py     (from the repository root)

Prints, as Markdown: counts by label × language × origin; the statute-register passages
of this round by drafting tradition; the frame spread (share of each frame per label);
the share of hard cases; and agreement (Cohen's kappa) of the blind second pass.
"""
import collections
import json
from pathlib import Path

SRC = Path("models/corpus/src")
LABELS = ["cyber_dependent", "cyber_enabled", "content_crime", "procedural_power", "safeguard", "other"]


def rows(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = collections.Counter(a), collections.Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if pe >= 1 else (po - pe) / (1 - pe)


def main():
    corpus = rows("models/corpus/corpus.jsonl")
    by_id = {r["id"]: r for r in corpus}
    written_ids = {r["id"] for r in corpus if r["origin"] == "written"}
    side = lambda r: "seed" if r["origin"] == "seed" or (r["origin"] == "translation" and r["source"] not in written_ids) else "written"
    print("| label | " + " | ".join(f"{lang} {o}" for lang in ("fr", "en") for o in ("seed", "translated seed", "written", "translated written")) + " | total |")
    print("|---|" + "---|" * 9)
    for label in LABELS:
        cells = []
        for lang in ("fr", "en"):
            for o in ("seed", "translated seed", "written", "translated written"):
                origin = {"seed": "seed", "translated seed": "translation", "written": "written", "translated written": "translation"}[o]
                n = sum(1 for r in corpus if r["label"] == label and r["lang"] == lang and r["origin"] == origin
                        and (o != "translated seed" or side(r) == "seed") and (o != "translated written" or side(r) == "written"))
                cells.append(str(n))
        total = sum(1 for r in corpus if r["label"] == label)
        print(f"| {label} | " + " | ".join(cells) + f" | {total} |")
    w = sum(1 for r in corpus if side(r) == "written")
    print(f"\nWritten passages and their translations: {w} of {len(corpus)} ({100 * w / len(corpus):.1f} %; cap 65 %).\n")

    new = [r for f in ("written_fr3.jsonl", "written_en3.jsonl") for r in rows(SRC / f) if r["id"] in by_id]
    print(f"New statute-register passages (this round): {len(new)} originals, each with a translation.\n")
    print("| drafting tradition | " + " | ".join(LABELS) + " | all |\n|---|" + "---|" * 7)
    trad = collections.Counter((r["tradition"], r["label"]) for r in new)
    for t in sorted({r["tradition"] for r in new}):
        print(f"| {t} | " + " | ".join(str(trad[(t, l)]) for l in LABELS) + f" | {sum(trad[(t, l)] for l in LABELS)} |")
    print("\nFrame spread: share of each label's new passages written in each frame (%).\n")
    frames = collections.Counter((r["frame"], r["label"]) for r in new)
    per_label = collections.Counter(r["label"] for r in new)
    print("| frame | " + " | ".join(LABELS) + " |\n|---|" + "---|" * 6)
    for fr in sorted({r["frame"] for r in new}, key=lambda f: -sum(frames[(f, l)] for l in LABELS)):
        print(f"| {fr} | " + " | ".join(f"{100 * frames[(fr, l)] / per_label[l]:.0f}" for l in LABELS) + " |")
    hard = sum(1 for r in new if r.get("hard_case"))
    print(f"\nHard cases of the guide: {hard} of {len(new)} ({100 * hard / len(new):.0f} %).")
    fr_written = [r for r in corpus if r["lang"] == "fr" and side(r) == "written"]
    q = sum("quiconque" in r["text"].lower() for r in fr_written)
    print(f"'Quiconque' in French written and translated-written passages: {q} of {len(fr_written)} ({100 * q / len(fr_written):.1f} %).")
    b = {r["id"]: r["label"] for r in rows(SRC / "labels_b.written3.jsonl")}
    pairs = [(r["label"], b[r["id"]]) for r in new]
    print(f"\nBlind pass B on the new passages: {sum(x == y for x, y in pairs)} of {len(pairs)} agree, kappa {kappa(*zip(*pairs)):.3f}.")


if __name__ == "__main__":
    main()
