#!/usr/bin/env bash
# The toolbox's applets against the host's GNU tools (the oracle), run on the same inputs:
# stdout, stderr and exit status must match byte for byte. Runs the wasm under host node's WASI.
set -uo pipefail
toolbox=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'first line\nsecond\n' >"$work/a.txt"
printf 'no newline at end' >"$work/b.txt"
printf '\x00\x01binary\xff\n' >"$work/bin.dat"
failures=0
checks=0

# check NAME STDIN -- COMMAND ARGS...: runs `COMMAND ARGS` on the host (GNU coreutils from PATH,
# not the shell builtin) and as the applet, in the same directory with the same input.
check() {
  local name=$1 input=$2
  shift 3
  local expected_code actual_code
  (cd "$work" && printf '%b' "$input" | env "$@" >"$work/.host.out" 2>"$work/.host.err")
  expected_code=$?
  (cd "$work" && printf '%b' "$input" |
    node --no-warnings "$here/wasi_run.mjs" "$toolbox" "$work" "$@" >"$work/.box.out" 2>"$work/.box.err")
  actual_code=$?
  checks=$((checks + 1))
  if ! cmp -s "$work/.host.out" "$work/.box.out" || ! cmp -s "$work/.host.err" "$work/.box.err" ||
     [ "$expected_code" != "$actual_code" ]; then
    failures=$((failures + 1))
    echo "FAIL $name: $*"
    echo "  host:    exit $expected_code out=$(od -c "$work/.host.out" | head -3) err=$(cat "$work/.host.err")"
    echo "  toolbox: exit $actual_code out=$(od -c "$work/.box.out" | head -3) err=$(cat "$work/.box.err")"
  fi
}

check true-plain '' -- true
check true-args '' -- true --nonsense x
check false-plain '' -- false
check false-args '' -- false a b
check echo-words '' -- echo hello   world
check echo-empty '' -- echo
check echo-n '' -- echo -n no newline
check echo-e '' -- echo -e 'a\tb\nc\\d'
check echo-E '' -- echo -E 'a\tb'
check echo-ne-stop '' -- echo -ne 'x\cy' z
check echo-octal-hex '' -- echo -e '\0101\x42\x7' '\e[0m'
check echo-combined '' -- echo -neE 'raw\t'
check echo-not-option '' -- echo -x -n
check echo-dashdash '' -- echo -- -n
check echo-trailing-backslash '' -- echo -e 'end\'
check cat-file '' -- cat a.txt
check cat-files '' -- cat a.txt b.txt a.txt
check cat-stdin 'piped\ninput\n' -- cat
check cat-dash 'from stdin\n' -- cat a.txt - b.txt
check cat-binary '' -- cat bin.dat
check cat-missing '' -- cat a.txt missing.txt b.txt
check cat-u '' -- cat -u a.txt
check cat-dashdash '' -- cat -- a.txt

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
