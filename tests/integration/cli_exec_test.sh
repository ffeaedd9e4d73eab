#!/usr/bin/env bash
# `secure-exec exec` against the host's GNU tools on the same input: stdout and stderr byte for
# byte and the exit status; plus mounts (read-only by default) and the sandbox's isolation.
set -uo pipefail
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'alpha\nbeta\n' >"$work/in.txt"
failures=0
checks=0

compare() {  # compare NAME STDIN -- ARGS...   (runs `env ARGS` on the host, `exec ARGS` in the sandbox)
  local name=$1 input=$2
  shift 3
  printf '%b' "$input" | (cd "$work" && env "$@") >"$work/.h.out" 2>"$work/.h.err"
  local host_code=$?
  printf '%b' "$input" | "$cli" exec --mount "$work:$work" --cwd / "$@" >"$work/.s.out" 2>"$work/.s.err"
  local box_code=$?
  checks=$((checks + 1))
  if ! cmp -s "$work/.h.out" "$work/.s.out" || ! cmp -s "$work/.h.err" "$work/.s.err" || [ "$host_code" != "$box_code" ]; then
    failures=$((failures + 1))
    echo "FAIL $name: host exit $host_code $(od -c "$work/.h.out" | head -2) $(cat "$work/.h.err")"
    echo "     sandbox exit $box_code $(od -c "$work/.s.out" | head -2) $(cat "$work/.s.err")"
  fi
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

compare echo-escapes '' -- echo -e 'tab\there' '\x41'
compare echo-n '' -- echo -n 'no newline'
compare true '' -- true
compare false '' -- false
compare cat-stdin 'line one\nline two\n' -- cat
compare cat-mounted-file '' -- cat "$work/in.txt"
compare cat-missing '' -- cat "$work/missing.txt"
compare after-double-dash '' -- -- echo -- x
compare program-help-is-the-programs '' -- echo a --help
compare cat-mixed 'stdin\n' -- cat "$work/in.txt" - "$work/in.txt"

# Isolation: the host's files are not there unless mounted, and mounts are read-only by default.
"$cli" exec cat /etc/hostname >/dev/null 2>&1
expect host-files-invisible test $? -eq 1
"$cli" exec nosuchcommand 2>/dev/null
expect unknown-command-127 test $? -eq 127
"$cli" exec --mount /nonexistent:/x true 2>/dev/null
expect bad-mount-125 test $? -eq 125

# --cpu-ms stops a guest that keeps the CPU busy: 124, as timeout(1).
"$cli" exec --cpu-ms 300 cat /dev/zero >/dev/null 2>"$work/.cpu.err"
expect cpu-limit-124 test $? -eq 124
expect cpu-message grep -q "CPU time limit exceeded" "$work/.cpu.err"
# `run` is sh -c in the sandbox: output and exit status as bash's on the same line.
compare_run() {  # compare_run NAME LINE
  local name=$1 line=$2
  (cd "$work" && bash -c "$line") >"$work/.h.out" 2>"$work/.h.err"
  local host_code=$?
  "$cli" run --mount "$work:$work" --cwd "$work" "$line" >"$work/.s.out" 2>"$work/.s.err"
  local box_code=$?
  checks=$((checks + 1))
  if ! cmp -s "$work/.h.out" "$work/.s.out" || [ "$host_code" != "$box_code" ]; then
    failures=$((failures + 1))
    echo "FAIL $name: host exit $host_code $(head -c 200 "$work/.h.out") | sandbox exit $box_code $(head -c 200 "$work/.s.out") $(cat "$work/.s.err")"
  fi
}
compare_run run-pipeline 'echo hello | cat'
compare_run run-exit-status 'true && (exit 3)'
compare_run run-variables-loop 'x=0; for i in 1 2 3; do x=$((x+i)); done; echo "$x"'
compare_run run-redirect-mounted 'cat in.txt > /dev/null && echo "$(cat in.txt)"'

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
