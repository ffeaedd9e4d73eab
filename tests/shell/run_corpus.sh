#!/usr/bin/env bash
# The shell conformance corpus: every tests/shell/cases/*.sh runs under the host's bash (the
# oracle) and under `secure-exec run 'bash ./NAME.sh'`, each in a fresh temp dir; stdout, stderr
# (unless the case says `# stderr: ignore`) and the exit status must match. See README.md.
#
#   run_corpus.sh [OPTIONS] SECURE_EXEC_BINARY [CASE...]   compare the sandbox with bash
#   run_corpus.sh --oracle-only [OPTIONS] [CASE...]        check the cases themselves under bash
#
# CASE is a case file, a case name (with or without its number and .sh), a case number, or a
# topic (the word after the number: param, redir, ...); default: all cases.
# Options:
#   --ratchet      exit non-zero only if a case listed in expected_pass.txt does not pass;
#                  list the cases that pass and are not listed yet
#   --update-ratchet  as --ratchet, and add the newly passing cases to expected_pass.txt
#   --oracle-only  run each case three times under host bash: twice with the sandbox's
#                  environment (outputs must be identical: determinism) and once with a PATH
#                  holding only echo, cat, true, false, bash and the case's `# requires:`
#                  commands (outputs must not change: no undeclared external command); a case
#                  must print something or exit non-zero
#   -j N           run N cases at a time (default: the number of CPUs)
#   -v             print the diff of every failing case in full
#   -q             print only the totals (and, with --ratchet, the cases that regressed)
# Environment: SHELL_CORPUS_BASH (the oracle, default: bash on PATH), SHELL_CORPUS_TIMEOUT
# (seconds per host run, default 10), SHELL_CORPUS_SANDBOX_TIMEOUT (default 60).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self=$here/$(basename "${BASH_SOURCE[0]}")

# What `secure-exec run` gives its guests (src/cli/main.cpp, kernel_options), plus LC_ALL=C,
# which the sandbox run gets with --env so that both sides use the C locale.
guest_path=/usr/local/bin:/usr/bin:/bin
guest_env=(HOME=/home/user TERM=xterm-256color USER=user LC_ALL=C)
# External commands every case may use: the ones the sandbox has without `# requires:`.
base_commands=(echo cat true false bash)

# ---- one case (run by the pool as `run_corpus.sh __one CASEFILE`) --------------------------

header_value() {  # header_value FILE KEY: the value of `# KEY: VALUE` in the leading comment block
  local line
  while IFS= read -r line; do
    [[ $line == '#'* ]] || break
    if [[ $line =~ ^#[[:space:]]*$2:[[:space:]]*(.*)$ ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
      return 0
    fi
  done <"$1"
  return 1
}

# host_run DIR NAME OUT PATH: bash ./NAME.sh in DIR with the guest environment, OUT.{out,err,rc}
# (The outer 2>/dev/null drops this shell's own "Terminated" notice when a case kills itself.)
host_run() {
  { (cd "$1" && exec timeout -k 2 "$CORPUS_TIMEOUT" env -i PATH="$4" "${guest_env[@]}" \
    "$CORPUS_BASH" "./$2.sh") </dev/null >"$3.out" 2>"$3.err"; } 2>/dev/null
  echo $? >"$3.rc"
}

sandbox_run() {  # sandbox_run DIR NAME OUT
  { timeout -k 5 "$CORPUS_SANDBOX_TIMEOUT" "$CORPUS_BINARY" run --mount "$1:/w:rw" --cwd /w \
    --env LC_ALL=C "bash ./$2.sh" </dev/null >"$3.out" 2>"$3.err"; } 2>/dev/null
  echo $? >"$3.rc"
}

fresh_dir() {  # fresh_dir CASEFILE NAME DIR: DIR holds only a copy of the case
  mkdir -p "$3" && cp "$1" "$3/$2.sh"
}

# compare A B IGNORE_STDERR LEFT RIGHT: sets `why` and `details` when the runs differ
compare() {
  why=() details=""
  local a=$1 b=$2 stream
  local -a streams=(out)
  [ "$3" = 1 ] || streams+=(err)
  for stream in "${streams[@]}"; do
    if ! cmp -s "$a.$stream" "$b.$stream"; then
      why+=("std$stream differs")
      details+="$(diff -u --label "$4 std$stream" --label "$5 std$stream" "$a.$stream" "$b.$stream" \
        | sed -n '3,$p' | sed -n "1,${CORPUS_DIFF_LINES}p" | cut -c1-160 | sed 's/^/    /')"$'\n'
    fi
  done
  local rc_a rc_b
  rc_a=$(<"$a.rc") rc_b=$(<"$b.rc")
  if [ "$rc_a" != "$rc_b" ]; then
    why+=("exit $4 $rc_a, $5 $rc_b")
  fi
  [ ${#why[@]} -eq 0 ]
}

join_why() { local IFS=';'; echo "${why[*]}" | sed 's/;/; /g'; }

timed_out() { [ "$(<"$1.rc")" = 124 ] || [ "$(<"$1.rc")" = 137 ]; }

run_one() {
  local file=$1
  local name
  name=$(basename "$file" .sh)
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/shell-corpus.XXXXXX")
  local result=$CORPUS_RESULTS/$name
  local requires ignore_stderr=0 cmd
  requires=$(header_value "$file" requires) || requires=""
  [[ $(header_value "$file" stderr) == ignore* ]] && ignore_stderr=1

  if [ "$CORPUS_MODE" = oracle ]; then
    local missing=()
    for cmd in $requires; do
      type -P "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "FAIL $name: the host lacks ${missing[*]}" >"$result"
    else
      fresh_dir "$file" "$name" "$work/a" && fresh_dir "$file" "$name" "$work/b" && fresh_dir "$file" "$name" "$work/c"
      mkdir "$work/bin"
      for cmd in "${base_commands[@]}" $requires; do
        ln -s "$(type -P "$cmd")" "$work/bin/$cmd"
      done
      host_run "$work/a" "$name" "$work/1" "$guest_path"
      host_run "$work/b" "$name" "$work/2" "$guest_path"
      host_run "$work/c" "$name" "$work/3" "$work/bin"
      if ! [[ $name =~ ^[0-9]{3}-[a-z]+-[a-z0-9-]+$ ]] || [[ $(head -n 1 "$file") != '# '?* ]]; then
        echo "FAIL $name: not named NNN-topic-name.sh or no '# description' on line 1" >"$result"
      elif timed_out "$work/1" || timed_out "$work/2"; then
        echo "FAIL $name: timed out after ${CORPUS_TIMEOUT}s under bash" >"$result"
      elif ! compare "$work/1" "$work/2" "$ignore_stderr" run1 run2; then
        { echo "FAIL $name: not deterministic under bash ($(join_why))"; printf '%s' "$details"; } >"$result"
      elif ! compare "$work/1" "$work/3" "$ignore_stderr" full-PATH base-PATH; then
        { echo "FAIL $name: runs a command it does not declare in '# requires:' ($(join_why))"
          printf '%s' "$details"; } >"$result"
      elif [ ! -s "$work/1.out" ] && [ ! -s "$work/1.err" ] && [ "$(<"$work/1.rc")" = 0 ]; then
        echo "FAIL $name: prints nothing and exits 0" >"$result"
      else
        echo "PASS $name" >"$result"
      fi
    fi
  else
    local blocked=()
    for cmd in $requires; do
      grep -qxF "$cmd" "$CORPUS_RESULTS/.available" || blocked+=("$cmd")
    done
    if [ ${#blocked[@]} -gt 0 ]; then
      echo "BLOCKED $name (needs ${blocked[*]})" >"$result"
    else
      fresh_dir "$file" "$name" "$work/host" && fresh_dir "$file" "$name" "$work/box"
      host_run "$work/host" "$name" "$work/h" "$guest_path"
      sandbox_run "$work/box" "$name" "$work/s"
      if timed_out "$work/h"; then
        echo "FAIL $name: timed out after ${CORPUS_TIMEOUT}s under host bash (fix the case)" >"$result"
      elif timed_out "$work/s"; then
        echo "FAIL $name: timed out after ${CORPUS_SANDBOX_TIMEOUT}s in the sandbox" >"$result"
      elif compare "$work/h" "$work/s" "$ignore_stderr" bash sandbox; then
        echo "PASS $name" >"$result"
      else
        { echo "FAIL $name: $(join_why)"; printf '%s' "$details"; } >"$result"
      fi
    fi
  fi
  rm -rf "$work"
}

if [ "${1:-}" = __one ]; then
  run_one "$2"
  exit 0
fi

# ---- the whole run -----------------------------------------------------------------------------

usage() { sed -n '2,/^[^#]/p' "$self" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }

mode=sandbox ratchet=0 update=0 jobs=$(nproc 2>/dev/null || echo 2) verbose=0 quiet=0
while [ $# -gt 0 ]; do
  case $1 in
    --oracle-only) mode=oracle ;;
    --ratchet) ratchet=1 ;;
    --update-ratchet) ratchet=1 update=1 ;;
    -j) jobs=${2:?-j needs a number}; shift ;;
    -j*) jobs=${1#-j} ;;
    -v) verbose=1 ;;
    -q) quiet=1 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "run_corpus.sh: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
  shift
done

if [ "$mode" = oracle ] && [ "$ratchet" = 1 ]; then
  echo "run_corpus.sh: the ratchet is for sandbox runs, not --oracle-only" >&2
  exit 2
fi

binary=""
if [ "$mode" = sandbox ]; then
  [ $# -ge 1 ] || usage
  binary=$1
  shift
  if [ ! -x "$binary" ]; then
    echo "run_corpus.sh: $binary is not an executable secure-exec" >&2
    exit 2
  fi
  binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
fi

cases=()
if [ $# -eq 0 ]; then
  cases=("$here"/cases/*.sh)
else
  for arg in "$@"; do
    if [ -f "$arg" ]; then
      cases+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
    else
      # A case name (with or without its number), a number, or a topic.
      key=${arg%.sh}
      found=0
      for file in "$here"/cases/*.sh; do
        name=$(basename "$file" .sh)
        rest=${name#*-}
        if [ "$name" = "$key" ] || [ "$rest" = "$key" ] || [ "${name%%-*}" = "$key" ] \
          || [ "${rest%%-*}" = "$key" ]; then
          cases+=("$file")
          found=1
        fi
      done
      if [ "$found" = 0 ]; then
        echo "run_corpus.sh: no case $arg" >&2
        exit 2
      fi
    fi
  done
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/shell-corpus-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

export CORPUS_MODE=$mode CORPUS_BINARY=$binary CORPUS_RESULTS=$results
export CORPUS_BASH=${SHELL_CORPUS_BASH:-$(command -v bash)}
export CORPUS_TIMEOUT=${SHELL_CORPUS_TIMEOUT:-10} CORPUS_SANDBOX_TIMEOUT=${SHELL_CORPUS_SANDBOX_TIMEOUT:-60}
if [ "$verbose" = 1 ]; then export CORPUS_DIFF_LINES=100000; else export CORPUS_DIFF_LINES=8; fi

# Which `# requires:` commands the sandbox has: `secure-exec exec CMD` exits 127 with
# "secure-exec: CMD: No such file or directory" when the toolbox lacks CMD.
if [ "$mode" = sandbox ]; then
  : >"$results/.available"
  for cmd in $(for file in "${cases[@]}"; do header_value "$file" requires; done | tr ' ' '\n' | sort -u); do
    timeout 20 "$binary" exec "$cmd" </dev/null >/dev/null 2>"$results/.probe"
    code=$?
    if ! { [ "$code" = 127 ] && grep -q "^secure-exec: $cmd: " "$results/.probe"; }; then
      echo "$cmd" >>"$results/.available"
    fi
  done
fi

start=$SECONDS
printf '%s\0' "${cases[@]}" | xargs -0 -n 1 -P "$jobs" "$self" __one
elapsed=$((SECONDS - start))

pass=0 fail=0 blocked=0
passing=()
for file in "${cases[@]}"; do
  name=$(basename "$file" .sh)
  if [ ! -s "$results/$name" ]; then
    echo "FAIL $name: the harness produced no result" >"$results/$name"
  fi
  [ "$quiet" = 1 ] || cat "$results/$name"
  case $(head -c 4 "$results/$name") in
    PASS) pass=$((pass + 1)); passing+=("$name") ;;
    BLOC) blocked=$((blocked + 1)) ;;
    *) fail=$((fail + 1)) ;;
  esac
done
if [ "$mode" = oracle ]; then
  echo "oracle check: ${#cases[@]} cases: $pass good, $fail bad (${elapsed}s)"
else
  echo "${#cases[@]} cases: $pass passed, $fail failed, $blocked blocked (${elapsed}s)"
fi

if [ "$ratchet" = 1 ]; then
  expected=$here/expected_pass.txt
  declare -A ran=() passed=() listed=()
  for file in "${cases[@]}"; do ran[$(basename "$file" .sh)]=1; done
  for name in "${passing[@]}"; do passed[$name]=1; done
  regressions=0
  if [ -f "$expected" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line=${line%%#*}
      line=${line//[[:space:]]/}
      line=${line%.sh}
      [ -n "$line" ] || continue
      listed[$line]=1
      if [ ! -f "$here/cases/$line.sh" ]; then
        echo "RATCHET: $line is listed in expected_pass.txt but there is no such case"
        regressions=$((regressions + 1))
      elif [ -n "${ran[$line]:-}" ] && [ -z "${passed[$line]:-}" ]; then
        echo "RATCHET: $line is listed in expected_pass.txt but does not pass"
        [ "$quiet" = 0 ] || cat "$results/$line"
        regressions=$((regressions + 1))
      fi
    done <"$expected"
  fi
  new=()
  for name in "${passing[@]}"; do
    [ -n "${listed[$name]:-}" ] || new+=("$name")
  done
  if [ ${#new[@]} -gt 0 ] && [ "$update" = 1 ]; then
    { [ ! -f "$expected" ] || grep -v '^[[:space:]]*$' "$expected"; printf '%s\n' "${new[@]}"; } \
      | LC_ALL=C sort -u >"$expected.new" && mv "$expected.new" "$expected"
    echo "RATCHET: added ${#new[@]} newly passing cases to expected_pass.txt:"
    printf '%s\n' "${new[@]}"
  elif [ ${#new[@]} -gt 0 ]; then
    echo "RATCHET: ${#new[@]} passing cases are not in expected_pass.txt yet; add them"
    echo "(or run with --update-ratchet):"
    printf '%s\n' "${new[@]}"
  fi
  if [ "$regressions" -gt 0 ]; then
    echo "RATCHET: $regressions listed cases do not pass"
    exit 1
  fi
  echo "RATCHET: every listed case passes"
  exit 0
fi
[ "$fail" -eq 0 ] && [ "$blocked" -eq 0 ]
