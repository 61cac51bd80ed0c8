#!/usr/bin/env bash
# Every test: set up, then the Rust tests (core, CLI, corpus and model checks), the npm
# package built and tested from its tarball in Node, and the page in Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --workspace --locked
bash scripts/test-js.sh
bash scripts/test-browser.sh
