#!/usr/bin/env bash
# The main command: set up, build the npm package's web build and the page, and serve the
# page on http://127.0.0.1:${PORT:-8080}/ until Ctrl-C. Safe to run again.
# The CLI is still there: cargo build --profile release-native -p cyberclause-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-pkg.sh
bash scripts/build-www.sh
echo "run: single-file page (works from disk, offline): target/www-single/cyberclause.html" >&2
exec node scripts/serve.mjs target/www
