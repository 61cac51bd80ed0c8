#!/usr/bin/env bash
# Builds the npm package (scripts/build-pkg.sh) and runs every test of it: the binding
# crate's wasm-bindgen-test tests in Node, then the Node tests: the packed tarball from ESM,
# CJS and the worker, long input, parity with the native CLI, publint, and the Vite and
# no-bundler pages in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/build-pkg.sh

echo "test-js: wasm-bindgen-test (Node)" >&2
# From the crate's directory, so its .cargo/config.toml sets wasm-bindgen-test-runner.
(cd crates/cyberclause-wasm && cargo test --target wasm32-unknown-unknown --target-dir ../../target/wasm)

echo "test-js: native CLI for the parity tests" >&2
cargo build --profile release-native -p cyberclause-cli

echo "test-js: node tests" >&2
node --test tests/node/
