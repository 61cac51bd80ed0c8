#!/usr/bin/env bash
# Builds the web page from www/ and the package's web build (pkg/web: the wasm-bindgen
# glue and the .wasm with the model inside) into
#   target/www/                      the served site (with a precaching service worker)
#   target/www-single/cyberclause.html  one self-contained file that works from file://
# Builds pkg/web first when it is missing (scripts/build-pkg.sh); run.sh and
# test-browser.sh always rebuild it, so a retrained model is picked up.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in cyberclause_wasm.js cyberclause_wasm_bg.wasm; do
  if [ ! -f "pkg/web/$f" ]; then
    echo "build-www: pkg/web/$f is missing: building the package" >&2
    bash scripts/build-pkg.sh
    break
  fi
done
node www/build/build.mjs pkg/web target
