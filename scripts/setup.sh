#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with Rust and Node, and skips
# whatever is already there, so it is safe to run again. Steps:
#   - Rust crates (cargo fetch);
#   - the wasm32 target and the wasm-bindgen CLI pinned to the crate's version
#     (the CLI takes about 10 minutes to build the first time);
#   - the JS tooling in package-lock.json (npm ci);
#   - Debian's Chromium for the browser tests (apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WB_WANT=0.2.130
say() { echo "setup: $*" >&2; }

command -v cargo >/dev/null || { say "cargo is required (rustup)"; exit 1; }
command -v npm >/dev/null || { say "node and npm are required"; exit 1; }
[ -d ../shared/seeds ] || say "note: ../shared (seeds, eval set) is not beside the checkout; corpus checks need it"

cargo fetch --locked -q
cargo fetch --locked -q --manifest-path crates/cyberclause-wasm/Cargo.toml

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_WANT" ]; then
  say "installing wasm-bindgen-cli $WB_WANT (about 10 minutes, once)"
  cargo install -q wasm-bindgen-cli --version "=$WB_WANT"
fi

# npm ci wipes node_modules; only run it when the lock file changed since the last install.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
