#!/usr/bin/env bash
# Builds the npm package (scripts/build-pkg.sh) and runs the Node tests against the tarball.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-pkg.sh
node --test tests/node/
