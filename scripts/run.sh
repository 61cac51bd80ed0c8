#!/usr/bin/env bash
# The main job until the web page lands: build the CLI and classify a sample law with the
# committed model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --profile release-native -q -p cyberclause-cli
./target/release-native/cyberclause classify "${1:-tests/fixtures/sample.txt}"
