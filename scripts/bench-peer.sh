#!/usr/bin/env bash
# Sets up the peer of the Node benchmark (issue 13): a fastText supervised model trained on
# models/corpus/corpus.jsonl, written to target/bench/fasttext.bin (never committed), for
# `fasttext.wasm` (a dev dependency) to load in tests/bench/node-bench.mjs.
# fastText comes from PyPI (fasttext-numpy2-wheel 0.9.2, wheels for CPython 3.11 and
# 3.12) in a virtual environment made here, target/bench/venv. Safe to run again: the
# venv is kept, the model is retrained (one thread, fixed seed: the same bytes each time).
#   bash scripts/bench-peer.sh && node tests/bench/node-bench.mjs
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/bench
VENV=$OUT/venv
say() { echo "bench-peer: $*" >&2; }

PY=""
for p in python3.11 python3.12; do
  if command -v "$p" >/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { say "needs python3.11 or python3.12 (fasttext-numpy2-wheel has wheels for those only)"; exit 1; }

mkdir -p "$OUT"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import fasttext' 2>/dev/null; then
  say "creating $VENV with fasttext-numpy2-wheel==0.9.2"
  if ! "$PY" -m venv --clear "$VENV" || ! "$VENV/bin/pip" install -q --disable-pip-version-check fasttext-numpy2-wheel==0.9.2; then
    say "could not set up fastText (no venv module? no network?): node-bench.mjs will print cyberclause alone"
    exit 1
  fi
fi

# The eval sets are only scored, for the record (the peer's quality beside ours).
EVALS=()
for f in ../shared/eval/dev.jsonl ../shared/eval/dev2.jsonl; do [ -f "$f" ] && EVALS+=("$f"); done
"$VENV/bin/python" tests/bench/fasttext-train.py models/corpus/corpus.jsonl "$OUT/fasttext.bin" "${EVALS[@]}"
