#!/usr/bin/env bash
# Installs the npm packages the tests need (third-party wasm32-wasi programs, see
# tests/third_party/package.json) exactly as tests/third_party/package-lock.json pins them.
# Idempotent: when node_modules was installed from the same lockfile it only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tests/third_party
stamp=$dir/node_modules/.secure-exec-lock.sha256
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "setup: npm is missing; the third-party program tests need node and npm" >&2
  exit 1
fi
echo "setup: npm ci in $dir"
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
echo "$want" >"$stamp"
