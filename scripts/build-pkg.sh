#!/usr/bin/env bash
# Builds the `cyberclause` npm package: the wasm crate (kept out of the root workspace,
# with its own target dir), wasm-bindgen for Node.js and for the web, the package in pkg/
# from the templates in js/, and a tarball in dist/. Idempotent: pkg/ is rebuilt from
# scratch every time.
set -euo pipefail
cd "$(dirname "$0")/.."

WB_WANT=0.2.130
CRATE=crates/cyberclause-wasm
TARGET_DIR=target/wasm
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/cyberclause_wasm.wasm"
MODEL=models/cyberclause.model

die() { echo "build-pkg: $*" >&2; exit 1; }

[ -f "$MODEL" ] || die "$MODEL is missing: train a model first"
export PATH="$HOME/.cargo/bin:$PATH"
command -v wasm-bindgen >/dev/null || die "wasm-bindgen CLI not found (cargo install wasm-bindgen-cli --version $WB_WANT)"
wb_have=$(wasm-bindgen --version | awk '{print $2}')
[ "$wb_have" = "$WB_WANT" ] || die "wasm-bindgen CLI is $wb_have, the crate pins $WB_WANT"
command -v npm >/dev/null || die "npm not found"

echo "build-pkg: cargo build (wasm32-unknown-unknown, release)" >&2
cargo build --release --target wasm32-unknown-unknown \
  --manifest-path "$CRATE/Cargo.toml" --target-dir "$TARGET_DIR"

rm -rf pkg
mkdir -p pkg/node pkg/web
echo "build-pkg: wasm-bindgen (nodejs, web)" >&2
wasm-bindgen --target nodejs --out-dir pkg/node "$WASM"
wasm-bindgen --target web --out-dir pkg/web "$WASM"
# The generated typings are loosely typed (`any`); the package ships js/index.d.ts instead.
rm -f pkg/node/*.d.ts pkg/web/*.d.ts

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$CRATE/Cargo.toml" | head -n1)
[ -n "$version" ] || die "cannot read the version of $CRATE"
sed "s/@VERSION@/$version/" js/package.json > pkg/package.json
cp js/index.d.ts js/README.md pkg/
cp js/node/index.cjs js/node/index.mjs js/node/package.json pkg/node/
cp js/web/index.js js/web/package.json pkg/web/

mkdir -p dist
rm -f dist/cyberclause-*.tgz
echo "build-pkg: npm pack" >&2
(cd pkg && npm pack --silent --pack-destination ../dist >/dev/null)
ls dist/cyberclause-"$version".tgz >/dev/null || die "npm pack did not produce dist/cyberclause-$version.tgz"

gz() { gzip -9 -c "$1" | wc -c; }
echo "build-pkg: dist/cyberclause-$version.tgz ($(wc -c < "dist/cyberclause-$version.tgz") bytes)" >&2
echo "build-pkg: gzip -9 sizes: wasm $(gz pkg/node/cyberclause_wasm_bg.wasm) B," \
  "node glue $(gz pkg/node/cyberclause_wasm.js) B, web glue $(gz pkg/web/cyberclause_wasm.js) B" >&2
