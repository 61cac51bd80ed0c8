#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with Rust and Node; skips what
# is already there. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "cargo is required (rustup)" >&2
  exit 1
fi
if [ ! -d ../shared/seeds ]; then
  echo "note: ../shared (seeds, eval set) is not beside the checkout; corpus checks need it" >&2
fi
cargo fetch --locked -q
