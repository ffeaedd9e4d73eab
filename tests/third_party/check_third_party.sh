#!/usr/bin/env bash
# A real third-party wasm32-wasi program, unmodified from its npm package, run inside the sandbox
# by `secure-exec exec`: esbuild's WASI preview1 build (@esbuild/wasi-preview1, a Go program, so
# the Go runtime's use of WASI comes along). The oracle is the same module under host node's own
# WASI (node:wasi, preview1) on the same inputs, at the same guest paths: stdout, stderr, the exit
# status and the files written must match byte for byte.
#   check_third_party.sh SECURE_EXEC_CLI
set -uo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
package=$here/node_modules/@esbuild/wasi-preview1
wasm=$package/esbuild.wasm
version=$(sed -n 's/^ *"@esbuild\/wasi-preview1": "\(.*\)".*/\1/p' "$here/package.json")

if [ ! -f "$wasm" ]; then
  echo "FAIL: $wasm is missing: run scripts/setup-npm.sh (npm ci --prefix tests/third_party)"
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "FAIL: node (the oracle's WASI runner) is missing"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The oracle's root is $work/node (/w and /out in it); the sandbox mounts $work/node/w at /w
# (read-only), $work/box-out at /out (read-write) and the package at /pkg.
mkdir -p "$work/node/w/src" "$work/node/w/vendor/shout/lib" "$work/node/w/node_modules" "$work/node/out" \
  "$work/box-out"
cat >"$work/node/w/src/main.ts" <<'EOF'
import { greet, type Greeting } from './greet';
import { shout } from 'shout';
import data from '../data.json';

const message: Greeting = greet(data.name);
export default message;
console.log(shout(message.text), data.items.length);
EOF
cat >"$work/node/w/src/greet.ts" <<'EOF'
export interface Greeting { text: string }
export function greet(name: string): Greeting {
  return { text: `hello, ${name}!` };
}
EOF
printf '{"name": "sandbox", "items": [1, 2, 3]}\n' >"$work/node/w/data.json"
# A package behind a symlink, as npm links workspaces: resolving it takes readlink.
printf '{"name": "shout", "version": "1.0.0", "main": "lib/index.js"}\n' >"$work/node/w/vendor/shout/package.json"
printf 'exports.shout = (text) => text.toUpperCase() + "!";\n' >"$work/node/w/vendor/shout/lib/index.js"
ln -s ../vendor/shout "$work/node/w/node_modules/shout"
printf 'let x = (1 +;\n' >"$work/node/w/src/bad.js"
# About 680 KB of output: ten times a pipe's buffer.
long=$(printf '%0200d' 0)
for i in $(seq 3000); do printf 'export const v%d = "%s" + %d;\n' "$i" "$long" "$i"; done >"$work/node/w/big.js"

failures=0
checks=0
cases=()

# add_case NAME STDIN -- ARGS...: esbuild ARGS with STDIN (printf %b), under node:wasi and inside
# the sandbox. The oracle runs every case in one node process (one compile of the 20 MB module).
add_case() {
  local name=$1 input=$2
  shift 3
  printf '%b' "$input" >"$work/cases/$name.in"
  printf '%s\0' "$@" >"$work/cases/$name.args"
  cases+=("$name")
}

expect() {  # expect NAME CONDITION-COMMAND...
  local name=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    failures=$((failures + 1))
    echo "FAIL $name"
  fi
}

mkdir -p "$work/cases" "$work/box"
add_case version '' -- --version
add_case minify-stdin 'const  answer = 6 * 7;\nif (answer) { console.log( answer ) }\n' -- --minify --loader=ts
add_case bundle-files '' -- /w/src/main.ts --bundle --format=esm
add_case syntax-error '' -- /w/src/bad.js
add_case missing-entry '' -- /w/missing.js
add_case big-output '' -- /w/big.js --format=cjs
add_case write-outdir '' -- /w/src/main.ts /w/src/greet.ts --bundle --minify --sourcemap --outdir=/out/new/dir \
  --metafile=/out/meta.json --log-level=warning

if ! node --expose-gc --no-warnings "$here/wasi_oracle.mjs" "$wasm" "$work/node" "$work/cases" esbuild \
     "${cases[@]}"; then
  echo "FAIL: the node:wasi oracle did not run"
  exit 1
fi
for name in "${cases[@]}"; do
  mapfile -d '' args <"$work/cases/$name.args"
  "$cli" exec --mount "$work/node/w:/w" --mount "$work/box-out:/out:rw" --mount "$package:/pkg" \
    /pkg/esbuild.wasm "${args[@]}" <"$work/cases/$name.in" >"$work/box/$name.out" 2>"$work/box/$name.err"
  echo $? >"$work/box/$name.code"
  checks=$((checks + 1))
  if ! cmp -s "$work/cases/$name.out" "$work/box/$name.out" ||
     ! cmp -s "$work/cases/$name.err" "$work/box/$name.err" ||
     ! cmp -s "$work/cases/$name.code" "$work/box/$name.code"; then
    failures=$((failures + 1))
    echo "FAIL $name: esbuild ${args[*]}"
    for side in cases box; do
      echo "  $([ $side = cases ] && echo node:wasi || echo sandbox): exit $(cat "$work/$side/$name.code")" \
        "out=$(head -c 300 "$work/$side/$name.out")" "err=$(head -c 300 "$work/$side/$name.err")"
    done
  fi
done

expect version-is-pinned test "$(cat "$work/box/version.out")" = "$version"
expect bundle-followed-symlink grep -q '^// w/vendor/shout/lib/index.js' "$work/box/bundle-files.out"
expect big-output-whole test "$(wc -c <"$work/box/big-output.out")" -gt 600000
expect syntax-error-exit-1 test "$(cat "$work/box/syntax-error.code")" = 1
expect outdir-same-files diff -r "$work/node/out" "$work/box-out"
expect outdir-written test -s "$work/box-out/new/dir/main.js" -a -s "$work/box-out/new/dir/main.js.map"

# Not compared (the oracle's root is writable): the sandbox's /w is a read-only mount.
"$cli" exec --mount "$work/node/w:/w" --mount "$package:/pkg" /pkg/esbuild.wasm /w/src/greet.ts \
  --outfile=/w/out.js --log-level=error >"$work/box/ro.out" 2>"$work/box/ro.err" </dev/null
expect read-only-exit-1 test $? -eq 1
expect read-only-erofs grep -q 'open /w/out.js: Read-only file system' "$work/box/ro.err"
expect read-only-nothing-written test ! -e "$work/node/w/out.js"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
