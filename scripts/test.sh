#!/usr/bin/env bash
# Every test: Rust unit tests, CLI integration tests, corpus and model checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --workspace --locked
