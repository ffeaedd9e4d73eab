#!/usr/bin/env bash
# The coreutils corpus: every invocation in the case files runs twice, once with the host's GNU
# tool (the oracle) and once inside the sandbox (`secure-exec exec`), each in a fresh temporary
# directory holding the same fixture files, with the same stdin; stdout and the exit status must
# match byte for byte (stderr and the files left behind too, where a case asks).
#
#   tests/coreutils/run_corpus.sh SECURE_EXEC_BINARY [CASEFILE...]
#   (no CASEFILE: every tests/coreutils/cases/*.cases; CORPUS_FILTER=REGEX keeps matching lines;
#    CORPUS_QUIET=1 prints only failures and the totals)
#
# A case file has one invocation per line: shell words (bash quoting, $'…' escapes; no globbing,
# no expansion beyond what quotes do), the command first. Blank lines and lines starting with #
# are skipped. At the end of a line, `< FIXTURE` feeds that fixture file as stdin, and
# `<<< WORD` feeds WORD plus a newline (as bash's here-string); otherwise stdin is empty. Either
# way stdin is a pipe, on both sides.
# Before the command, @-flags ask for more checks or change the run:
#   @stderr      stderr must match too (only where GNU's message is stable)
#   @files       the directory afterwards must match: names, types, permission bits, sizes,
#                contents and symlink targets (for commands that create or change files)
#   @nostdout    don't compare stdout (e.g. output that depends on the time)
#   @timeout=S   stop the command after S seconds (both sides then exit 124 through timeout(1))
#   @skip        list the case without running it (a known deviation; say why in a comment)
#   @pipe        the words hold a standalone '|' word (quote it): run a two-command pipeline,
#                e.g. `@pipe yes '|' head -1`, with a host pipe on the host and with the toolbox's
#                sh (a kernel pipe) in the sandbox; the exit statuses of both commands are
#                compared, as "141 0"
# Examples:
#   head -n 2 text.txt
#   @stderr head --bogus
#   sort -k2,2n -t, fields.csv
#   tr a-z A-Z < text.txt
#   @files tee -a out.txt <<< 'appended'
#
# The host side runs `cd A && env -i PATH=… LC_ALL=C COMMAND ARGS`; the sandbox side runs
# `secure-exec exec --env LC_ALL=C --mount B:/w:rw --cwd /w COMMAND ARGS`. Fixtures are the
# files of tests/coreutils/fixtures/ plus a few generated here (see generate_fixtures), so paths
# in cases are relative to the fixture directory.
set -uo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 SECURE_EXEC_BINARY [CASEFILE...]" >&2
  exit 2
fi
cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
  set -- "$here"/cases/*.cases
fi
# Case words are never globbed.
set -f
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
staging=$work/fixtures
mkdir -p "$staging"
cp -a "$here/fixtures/." "$staging/"

# Fixtures too large or too odd to keep in git, made the same way every run.
generate_fixtures() {
  # Long lines: 5000 and 70000 characters (past any 64 KiB buffer), then a short one.
  LC_ALL=C awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%c", 97 + i % 26; printf "\n";
               for (i = 0; i < 70000; i++) printf "%c", 48 + i % 10; printf "\nshort\n" }' \
    >"$staging/long-lines.txt"
  # 60000 lines (about 1 MB) of pseudo-random keys for sort, uniq, wc, tail on a large input.
  LC_ALL=C awk 'BEGIN { x = 12345; for (i = 0; i < 60000; i++) { x = (x * 69069 + 1) % 4294967296;
               printf "%d %s%d\n", x % 100000, substr("kiwi plum fig pear lime date", 1 + (x % 6) * 5, 4), x % 97 } }' \
    >"$staging/big.txt"
  # Every byte value once, then NUL-separated records.
  LC_ALL=C awk 'BEGIN { for (i = 1; i < 256; i++) printf "%c", i }' >"$staging/allbytes.bin"
  printf 'one\0two\0three\0' >"$staging/nul-records.bin"
  # tree: an empty directory and names with unprintable bytes (git keeps neither).
  mkdir -p "$staging/tree/empty" "$staging/tree/docs/deep/deeper"
  printf 'x' >"$staging/tree/docs/deep/deeper/leaf"
  printf 'tab' >"$staging/tree/docs/a$(printf '\t')tab"
  printf 'ctl' >"$staging/tree/docs/$(printf '\001')ctl"
  printf 'hi' >"$staging/tree/docs/$(printf '\303\251')t$(printf '\303\251')"
  # For od, hexdump, xxd and the checksums: all 256 byte values in order, 1000 fixed
  # pseudo-random bytes, and zero runs between data (duplicate lines that dumps squeeze).
  local i x=7 bytes=""
  for ((i = 0; i < 256; i++)); do bytes+=$(printf '\\%03o' "$i"); done
  printf "$bytes" >"$staging/bytes256.bin"
  bytes=""
  for ((i = 0; i < 1000; i++)); do
    x=$(((x * 1103515245 + 12345) % 2147483648))
    bytes+=$(printf '\\%03o' $(((x >> 16) % 256)))
  done
  printf "$bytes" >"$staging/random.bin"
  { printf 'head'; head -c 100 /dev/zero; printf 'middle'; head -c 64 /dev/zero; printf 'tail\n'; } >"$staging/zeros.bin"
  # Checksum lists, made by the host tools: all good; good, bad, missing and malformed lines;
  # BSD-tagged lines.
  (cd "$staging" && md5sum text.txt nonl.txt empty.txt 'name with spaces.txt' >sums-good.md5 &&
    sha256sum text.txt binary.bin >sums-good.sha256 &&
    md5sum --tag text.txt nonl.txt >sums-tagged.md5 &&
    { md5sum text.txt; echo "0123456789abcdef0123456789abcdef  nonl.txt";
      echo "d41d8cd98f00b204e9800998ecf8427e  missing.txt"; echo "not a checksum line";
      md5sum empty.txt; } >sums-mixed.md5 &&
    { sha1sum --tag text.txt; sha256sum --tag nonl.txt; b2sum --tag -l 128 empty.txt; md5sum --tag binary.bin; } >sums-cksum.txt &&
    b2sum text.txt nonl.txt >sums-good.b2)
  # find.cases' tree, kept apart: other commands' cases walk the whole fixture directory.
  mkdir -p "$work/find-fixtures"
  generate_find_tree "$work/find-fixtures/ftree"
}

# A small tree for find (added to the fixtures of find.cases only): every file type the sandbox
# has, sizes around the -size units, modes for -perm, names for -name/-regex, and fixed times
# (absolute, and relative to now, so -mtime N and -newer answer the same on both sides).
generate_find_tree() {
  local t=$1
  mkdir -p "$t/dir1/sub" "$t/dir2" "$t/empty-dir" "$t/dir3/a/b/c"
  printf 'hello' >"$t/a.txt"
  : >"$t/empty.txt"
  : >"$t/B.TXT"
  printf '%01000d' 0 >"$t/dir1/k1000.c"
  printf '%01024d' 0 >"$t/dir1/k1024.c"
  printf '%01025d' 0 >"$t/dir1/k1025.c"
  printf '%0513d' 0 >"$t/dir1/sub/b513.dat"
  printf '#!/bin/sh\necho hi\n' >"$t/dir1/run.sh"
  printf 'x\n' >"$t/dir1/sub/name with space.txt"
  printf 'deep\n' >"$t/dir3/a/b/c/deep.txt"
  printf 'h\n' >"$t/.hidden"
  printf 'q\n' >"$t/dir2/q.md"
  printf 'qq\n' >"$t/dir2/QQ.MD"
  ln -s a.txt "$t/link-a"
  ln -s dir1 "$t/link-dir"
  ln -s nowhere "$t/broken"
  chmod 755 "$t/dir1/run.sh"
  chmod 600 "$t/dir2/q.md"
  chmod 640 "$t/dir2/QQ.MD"
  chmod 700 "$t/dir3"
  chmod 444 "$t/empty.txt"
  touch -h -d '2020-01-02 03:04:05' "$t/a.txt" "$t/link-a" "$t/broken"
  touch -d '2021-06-01 12:00:00' "$t/empty.txt" "$t/B.TXT"
  touch -d '3 days ago' "$t/dir1/k1000.c" "$t/dir1/k1024.c"
  touch -d '10 days ago' "$t/dir1/k1025.c" "$t/dir1/sub/b513.dat"
  touch -d '30 hours ago' "$t/dir1/run.sh" "$t/dir2/q.md"
  touch -d '2 hours ago' "$t/dir2/QQ.MD" "$t/dir1/sub/name with space.txt"
  touch -d '2019-05-05 05:05:05' "$t/dir3/a/b/c/deep.txt" "$t/.hidden"
  touch -d '2022-02-02 02:02:02' "$t/dir1/sub" "$t/dir1" "$t/dir2" "$t/dir3" "$t/empty-dir" \
    "$t/dir3/a" "$t/dir3/a/b" "$t/dir3/a/b/c" "$t"
}
generate_fixtures

passes=0
failures=0
skips=0
host_env=(env -i "PATH=$PATH" LC_ALL=C)

# show LABEL DIR: a short view of one side's result for a failure report.
show() {
  local label=$1 dir=$2
  printf '    %-8s exit %s\n' "$label" "$(cat "$dir.code")"
  printf '      stdout: %s\n' "$(head -c 600 "$dir.out" | od -An -c | head -6 | tr -s ' ' | tr '\n' '|')"
  printf '      stderr: %s\n' "$(head -c 400 "$dir.err" | tr '\n' '|')"
}

# manifest DIR: what @files compares.
manifest() {
  (cd "$1" && find . -mindepth 1 -printf '%y %m %s %p -> %l\n' | LC_ALL=C sort &&
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0r md5sum)
}

# run_case FILE LINENO LINE
run_case() {
  local file=$1 number=$2 line=$3
  local check_stderr=0 check_files=0 check_stdout=1 timeout_seconds=20 input="" here_string="" has_here=0
  local pipe=0
  # @-flags.
  while [[ $line =~ ^[[:space:]]*@([a-z]+)(=([0-9.]+))?[[:space:]]+(.*)$ ]]; do
    case ${BASH_REMATCH[1]} in
      stderr) check_stderr=1 ;;
      files) check_files=1 ;;
      nostdout) check_stdout=0 ;;
      pipe) pipe=1 ;;
      timeout) timeout_seconds=${BASH_REMATCH[3]} ;;
      skip) skips=$((skips + 1)); echo "SKIP $file:$number: ${BASH_REMATCH[4]}"; return ;;
      *) echo "FAIL $file:$number: unknown flag @${BASH_REMATCH[1]}"; failures=$((failures + 1)); return ;;
    esac
    line=${BASH_REMATCH[4]}
  done
  # Trailing stdin redirection.
  if [[ $line =~ ^(.*[^<])[[:space:]]+\<\<\<[[:space:]]*(.+)$ ]]; then
    line=${BASH_REMATCH[1]}
    eval "here_string=${BASH_REMATCH[2]}"
    has_here=1
  elif [[ $line =~ ^(.*[^<\\])[[:space:]]+\<[[:space:]]*([^[:space:]].*)$ ]]; then
    line=${BASH_REMATCH[1]}
    eval "input=${BASH_REMATCH[2]}"
  fi
  local words
  eval "words=( $line )" 2>/dev/null || {
    echo "FAIL $file:$number: cannot parse: $line"
    failures=$((failures + 1))
    return
  }
  local host=$work/host sandbox=$work/sandbox
  rm -rf "$host" "$sandbox"
  cp -a "$staging" "$host"
  cp -a "$staging" "$sandbox"
  if [ "$file" = find.cases ]; then
    cp -a "$work/find-fixtures/." "$host/"
    cp -a "$work/find-fixtures/." "$sandbox/"
  fi
  local stdin_file=/dev/null
  if [ "$has_here" = 1 ]; then
    printf '%s\n' "$here_string" >"$work/.stdin"
    stdin_file=$work/.stdin
  elif [ -n "$input" ]; then
    stdin_file=$staging/$input
    if [ ! -f "$stdin_file" ]; then
      echo "FAIL $file:$number: no fixture '$input'"
      failures=$((failures + 1))
      return
    fi
  fi
  # stdin is a pipe on both sides (the sandbox's stdin is always one: the CLI forwards it).
  if [ "$pipe" = 1 ]; then
    local left=() right=() seen=0 word
    for word in "${words[@]}"; do
      if [ "$seen" = 0 ] && [ "$word" = "|" ]; then seen=1; continue; fi
      if [ "$seen" = 0 ]; then left+=("$word"); else right+=("$word"); fi
    done
    cat "$stdin_file" | (cd "$host" && timeout -k 5 "$timeout_seconds" "${host_env[@]}" "${left[@]}" |
      timeout -k 5 "$timeout_seconds" "${host_env[@]}" "${right[@]}"; echo "${PIPESTATUS[*]}" >"$host.code") \
      >"$host.out" 2>"$host.err"
    # In the sandbox the pipeline is the toolbox's sh's, over a kernel pipe; the statuses come back
    # through a second mount so they touch neither the output nor the fixture directory.
    local script status_dir=$work/status
    rm -rf "$status_dir" && mkdir -p "$status_dir"
    script="$(printf '%q ' "${left[@]}")| $(printf '%q ' "${right[@]}"); echo \"\${PIPESTATUS[*]}\" >/.status/code"
    cat "$stdin_file" | timeout -k 5 "$timeout_seconds" "$cli" exec --env LC_ALL=C --mount "$sandbox:/w:rw" \
      --mount "$status_dir:/.status:rw" --cwd /w sh -c "$script" >"$sandbox.out" 2>"$sandbox.err"
    cat "$status_dir/code" >"$sandbox.code" 2>/dev/null || echo "no status ($?)" >"$sandbox.code"
  else
    cat "$stdin_file" | (cd "$host" && timeout -k 5 "$timeout_seconds" "${host_env[@]}" "${words[@]}") \
      >"$host.out" 2>"$host.err"
    echo $? >"$host.code"
    cat "$stdin_file" | timeout -k 5 "$timeout_seconds" "$cli" exec --env LC_ALL=C --mount "$sandbox:/w:rw" \
      --cwd /w "${words[@]}" >"$sandbox.out" 2>"$sandbox.err"
    echo $? >"$sandbox.code"
  fi
  local why=""
  cmp -s "$host.code" "$sandbox.code" || why="$why exit"
  [ "$check_stdout" = 0 ] || cmp -s "$host.out" "$sandbox.out" || why="$why stdout"
  [ "$check_stderr" = 0 ] || cmp -s "$host.err" "$sandbox.err" || why="$why stderr"
  if [ "$check_files" = 1 ] && ! cmp -s <(manifest "$host") <(manifest "$sandbox"); then
    why="$why files"
    diff <(manifest "$host") <(manifest "$sandbox") | head -10 | sed 's/^/      /'
  fi
  if [ -z "$why" ]; then
    passes=$((passes + 1))
    [ "${CORPUS_QUIET:-0}" = 1 ] || echo "PASS $file:$number: $3"
  else
    failures=$((failures + 1))
    echo "FAIL $file:$number: $3 (differs:$why)"
    [[ $why != *stdout* ]] || echo "    $(cmp "$host.out" "$sandbox.out" 2>&1 | head -1 | sed "s|$work/||g")"
    show host "$host"
    show sandbox "$sandbox"
  fi
}

for case_file in "$@"; do
  name=$(basename "$case_file")
  number=0
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [ -n "${CORPUS_FILTER:-}" ] && ! [[ $line =~ $CORPUS_FILTER ]]; then
      continue
    fi
    run_case "$name" "$number" "$line"
  done <"$case_file"
done

echo "coreutils corpus: $passes passed, $failures failed, $skips skipped"
[ "$failures" -eq 0 ]
