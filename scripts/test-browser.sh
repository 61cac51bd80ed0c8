#!/usr/bin/env bash
# The page's tests in a real browser (Debian's Chromium through playwright-core):
# builds the package's web build and the page, then runs tests/browser/*.test.mjs.
# Screenshots of the main states land in tests/artifacts/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || { echo "test-browser: /usr/bin/chromium is missing (bash scripts/setup.sh installs it)" >&2; exit 1; }
[ -d node_modules/playwright-core ] || { echo "test-browser: node_modules missing (bash scripts/setup.sh)" >&2; exit 1; }
bash scripts/build-pkg.sh
bash scripts/build-www.sh
# The three-surface test runs the native CLI beside the page.
cargo build -q --profile release-native -p cyberclause-cli
mkdir -p tests/artifacts
node --test --test-concurrency=1 tests/browser/
