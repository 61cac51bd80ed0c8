#!/usr/bin/env bash
# Builds the fuzzing corpora in fuzz/corpus/<target>/ (not committed): 2 KB slices of the
# source texts (../shared/seeds, or $SEEDS), the small hand-written seeds of fuzz/seeds/,
# and for the model target the committed model, raw and as a framed payload.
set -euo pipefail
cd "$(dirname "$0")"
SEEDS="${SEEDS:-../../shared/seeds}"
# Adds to corpora grown by earlier runs (files of the same name are rewritten).
mkdir -p corpus/segment corpus/classify corpus/model
n=0
for f in "$SEEDS"/*.txt; do
  size=$(stat -c %s "$f")
  for ((off = 0; off < size; off += 8192)); do
    name="$(basename "$f" .txt)_$off"
    # Cut at byte offsets on purpose: a slice may start or end inside a character.
    dd if="$f" of="corpus/segment/$name" iflag=skip_bytes,count_bytes skip=$off count=2048 status=none
    { printf '\000'; cat "corpus/segment/$name"; } > "corpus/classify/$name"
    n=$((n + 1))
  done
done
for f in seeds/*; do
  cp "$f" corpus/segment/
  { printf '\000'; cat "$f"; } > "corpus/classify/$(basename "$f")"
done
model=../models/cyberclause.model
size=$(stat -c %s "$model")
{ printf '\000'; cat "$model"; } > corpus/model/raw
{ printf '\000'; dd if="$model" iflag=count_bytes count=4096 status=none; } > corpus/model/truncated
{ printf '\001'; dd if="$model" iflag=skip_bytes,count_bytes skip=10 count=$((size - 18)) status=none; } > corpus/model/payload
printf '\001\000' > corpus/model/empty-payload
echo "corpus: $n slices of the source texts, $(ls seeds | wc -l) hand-written seeds, 4 model seeds"
