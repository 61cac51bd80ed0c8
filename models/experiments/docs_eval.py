"""Document-mode figures on the four whole laws of `shared/eval/docs` (never trained on).

    python3 models/experiments/docs_eval.py [CLI] [--written] [classify options]
                                                       (from the repository root)

With `--written`, scores the four structured laws the team wrote for this purpose
(`models/experiments/structured_docs/`, never trained on, gold in the same format) instead,
and writes `docs_eval_written.json`.

Runs `cyberclause classify --json` on each `.txt` (CLI defaults to
target/release-native/cyberclause), keeps each passage's byte range and label, and scores
them with the set's own `score.py` (each gold unit takes the label of the passage that
covers most of its bytes; a unit no passage covers counts as wrong). Prints score.py's
report and writes `models/experiments/docs_eval.json`.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT.parent / "shared" / "eval" / "docs"
NAMES = ["ph-ra10175", "rw-law60-2018", "bj-code-numerique-livre6", "sn-loi2008-11"]


WRITTEN = ROOT / "models" / "experiments" / "structured_docs"
WRITTEN_NAMES = ["fr-code", "fr-loi", "en-act", "en-treaty"]


def main():
    args = sys.argv[1:]
    cli = args.pop(0) if args and not args[0].startswith("--") else str(ROOT / "target/release-native/cyberclause")
    docs, names, out_name = DOCS, NAMES, "docs_eval.json"
    if "--written" in args:
        args.remove("--written")
        docs, names, out_name = WRITTEN, WRITTEN_NAMES, "docs_eval_written.json"
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = subprocess.run([cli, "classify", "--json", *args, str(docs / f"{name}.txt")],
                                 capture_output=True, text=True, check=True).stdout
            pred = Path(tmp) / f"{name}.jsonl"
            with open(pred, "w", encoding="utf-8") as f:
                for line in out.splitlines():
                    p = json.loads(line)
                    f.write(json.dumps({"start": p["start"], "end": p["end"], "label": p["label"]}) + "\n")
            pairs += [str(pred), str(docs / f"{name}.gold.jsonl")]
        report = subprocess.run([sys.executable, str(DOCS / "score.py"), *pairs], capture_output=True, text=True, check=True).stdout
        figures = subprocess.run([sys.executable, str(DOCS / "score.py"), *pairs, "--json"], capture_output=True, text=True, check=True).stdout
    print(report)
    (ROOT / "models" / "experiments" / out_name).write_text(figures, encoding="utf-8")


if __name__ == "__main__":
    main()
