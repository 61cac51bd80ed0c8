"""Flags written or translated passages that may sit too close to real-law eval passages.

    python3 models/corpus/tools/overlap.py FILE.jsonl [...]   (from the repository root)

For each passage of the files given (JSON lines with `id` and `text`), prints:
- RUN: a run of 12 words shared with `shared/eval/dev.jsonl` or `dev2.jsonl` (the rule:
  none allowed, except runs the seeds contain and runs inside `stock_formulae.txt`);
- NEAR: content-word overlap (Jaccard over words of 5+ letters, stock formulae removed)
  of 0.35 or more with one eval passage: a candidate for "the same provision", to read.
Exit code 1 when any RUN is found.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EVAL = ROOT.parent / "shared" / "eval"
SEEDS = ROOT.parent / "shared" / "seeds"
STOP = set("""shall which where their there these those other under person persons party parties state
states article section paragraph subsection offence offences punishable imprisonment years months
amende emprisonnement peine peines personne article alinea present presente loi code sont dans
leurs cette ainsi toute celui celle quiconque mesures legislatives necessaires""".split())


def words(text):
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.findall(r"\w+", folded)


def grams(ws, n):
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


NUMBERS = set("one two three four five six seven eight nine ten twelve fifteen twenty "
              "un deux trois quatre cinq sept huit dix douze quinze vingt".split())


def blind(ws):
    return " " + " ".join("#" if w.isdigit() or w in NUMBERS else w for w in ws) + " "


STOCK = [blind(words(l)) for l in open(ROOT / "models" / "corpus" / "stock_formulae.txt", encoding="utf-8")
         if l.strip() and not l.startswith("#")]


def stock(gram):
    b = blind(gram.split())
    return any(b in f for f in STOCK)


def content(ws):
    return {w for w in ws if len(w) >= 5 and w not in STOP and not w.isdigit()}


def main():
    evals = []
    for name in ("dev.jsonl", "dev2.jsonl"):
        for line in open(EVAL / name, encoding="utf-8"):
            r = json.loads(line)
            ws = words(r["text"])
            evals.append((r["id"], grams(ws, 12), content(ws)))
    seed = set()
    for p in SEEDS.glob("*.txt"):
        seed |= grams(words(p.read_text(encoding="utf-8")), 12)
    runs = 0
    for path in sys.argv[1:]:
        for line in open(path, encoding="utf-8", errors="replace"):
            r = json.loads(line)
            ws = words(r["text"])
            g, c = grams(ws, 12) - seed, content(ws)
            for eid, eg, ec in evals:
                shared = {x for x in g & eg if not stock(x)}
                if shared:
                    runs += 1
                    print(f"RUN\t{r['id']}\t{eid}\t{next(iter(shared))}")
                jac = len(c & ec) / max(1, len(c | ec))
                if jac >= 0.35:
                    print(f"NEAR\t{r['id']}\t{eid}\t{jac:.2f}")
    sys.exit(1 if runs else 0)


if __name__ == "__main__":
    main()
