#!/usr/bin/env bash
# ps, stty, kill, nohup and date -s inside the sandbox, where the coreutils corpus cannot compare
# them with the host: ps lists the sandbox's own processes, stty and nohup need a terminal (a
# pseudo-terminal from script(1) around `secure-exec shell`), kill needs live processes, and the
# host's date -s would really set the clock. Each check asserts the behaviour GNU/procps has.
#   tests/integration/sys_commands_test.sh SECURE_EXEC_BINARY
set -uo pipefail
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

# check NAME EXPECTED ACTUAL
check() {
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then
    failures=$((failures + 1))
    printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
  fi
}

run() { "$cli" run "$1" 2>&1; }

# --- ps: the shell and ps itself, structural checks.
check ps-default-header '  PID TTY          TIME CMD' "$(run 'ps' | head -1)"
check ps-lists-sh-and-ps 'ps sh' "$(run 'ps -o comm=' | sort | tr '\n' ' ' | sed 's/ $//')"
# (No command substitution around ps here: its subshell would be ps's parent.)
check ps-parent-is-shell yes "$(run 'ps -o ppid=,comm= >/tmp/ps.out; while read p c; do [ "$c" = ps ] && [ "$p" = "$$" ] && echo yes; done </tmp/ps.out')"
check ps-p-self sh "$(run 'ps -p $$ -o comm=')"
check ps-pid-column yes "$(run '[ "$(ps -o pid= -p $$ | tr -d " ")" = "$$" ] && echo yes')"
check ps-f-header 'UID        PID  PPID  C STIME TTY          TIME CMD' "$(run 'ps -f' | head -1)"
check ps-aux-header 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND' "$(run 'ps aux' | head -1)"
check ps-args 'ps -o args=' "$(run 'ps -o args=' | sort | head -1)"
check ps-custom-header '    X Y' "$(run 'ps -o pid=X,comm=Y -p $$' | head -1)"
check ps-stat-session-leader Rs "$(run 'ps -o stat= -p $$' | tr -d ' ')"
check ps-ids-agree yes "$(run 'set -- $(ps -o pid=,pgid=,sid= -p $$); [ "$1" = "$$" ] && [ "$2" -ge 1 ] && [ "$3" -ge 1 ] && echo yes')"
check ps-background-child yes "$(run 'sleep 2 & for p in $(ps -o pid= -e); do [ "$p" = "$!" ] && echo yes; done; kill $!')"
check ps-missing-pid 1 "$(run 'ps -p 99999 >/dev/null; echo $?')"
check ps-bad-format 1 "$(run 'ps -o bogus 2>/dev/null; echo $?')"
check ps-no-headers '' "$(run 'ps --no-headers -o pid,comm -p $$ | while read p c; do [ "$p" = PID ] && echo header; done')"

# --- kill (the applet, through env) on live processes and groups.
check kill-term 143 "$(run 'sleep 5 & env kill $!; wait $!; echo $?')"
check kill-9 137 "$(run 'sleep 5 & env kill -9 $!; wait $!; echo $?')"
check kill-s-int 130 "$(run 'sleep 5 & env kill -s INT $!; wait $!; echo $?')"
# timeout's command leads a process group of its own: kill it through the group.
check kill-group 143 "$(run 'timeout 10 sleep 5 & sleep 1; env kill -TERM -- -$(ps -o pid= -C sleep | tr -d " "); wait $!; echo $?')"
check kill-0-alive 0 "$(run 'env kill -0 $$; echo $?')"
check kill-no-such 'kill: (99999): No such process
1' "$(run 'env kill 99999; echo $?')"

# --- timeout passes a TERM it receives on to the command, then dies of it; nohup survives HUP.
# (The shell runs a background job in a child sh, so $! is that sh: ps -C finds the command.)
check timeout-forwards-term 143 "$(run 'timeout 10 sleep 5 & sleep 1; env kill -TERM $(ps -o pid= -C timeout); wait $!; echo $?')"
check nohup-survives-hup 0 "$(run 'nohup sleep 2 & sleep 1; env kill -HUP $(ps -o pid= -C nohup); wait $!; echo $?')"
check nohup-sleep-survives-hup 0 "$(run 'nohup sleep 2 & sleep 1; env kill -HUP $(ps -o pid= -C sleep); wait $!; echo $?')"

# --- date -s and the set operand: refused, but the date is still shown (status 1).
check date-set 'date: cannot set date: Operation not permitted
Thu Jan  1 00:00:00 UTC 1970
1' "$(run 'date -s @0; echo $?')"
check date-set-operand 'date: cannot set date: Operation not permitted
Fri Jan  2 03:04:00 UTC 2026
1' "$(run 'date -u 010203042026; echo $?')"
check date-set-invalid "date: invalid date '13010304'
1" "$(run 'date 13010304; echo $?')"

# --- stty and nohup on a terminal: script(1) gives `secure-exec shell` a pseudo-terminal.
if command -v script >/dev/null 2>&1; then
  cat >"$work/tty.sh" <<'SCRIPT'
#!/bin/sh
echo "size0 $(stty rows 10 cols 20; stty size)"
stty rows 24 cols 80
saved=$(stty -g)
stty raw -echo
echo "raw $(stty | tr '\n' ' ')"
stty "$saved"
echo "restored $(stty -g | cut -d: -f1-4)=$(echo "$saved" | cut -d: -f1-4)"
stty -echo; echo "noecho $(stty | tail -n 1)"; stty echo
stty intr ^A quit undef; echo "chars $(stty | tr '\n' ' ')"; stty sane
echo "all $(stty -a | head -1)"
echo "tty $(tty)"
cd /w && nohup echo to-file 2>/w/nohup.err; echo "nohup $? $(cat /w/nohup.out) $(cat /w/nohup.err)"
SCRIPT
  chmod +x "$work/tty.sh"
  out=$(timeout 60 script -qec "$cli shell --mount $work:/w:rw --command /w/tty.sh" /dev/null | tr -d '\r')
  check stty-size 'size0 10 20' "$(grep '^size0' <<<"$out")"
  check stty-raw 'raw speed 38400 baud; line = 0; min = 1; time = 0; -brkint -icrnl -imaxbel -opost -isig -icanon -echo ' \
    "$(grep '^raw' <<<"$out" | sed 's/ iutf8//; s/ hupcl//')"
  check stty-restore yes "$(grep '^restored' <<<"$out" | awk -F'[ =]' '{print ($2 == $3) ? "yes" : "no"}')"
  check stty-echo 'noecho -echo' "$(grep '^noecho' <<<"$out")"
  check stty-chars 'chars speed 38400 baud; line = 0; intr = ^A; quit = <undef>; ' "$(grep '^chars' <<<"$out" | sed 's/-brkint -imaxbel.*//; s/ *$/ /')"
  check stty-all 'all speed 38400 baud; rows 24; columns 80; line = 0;' "$(grep '^all' <<<"$out")"
  check nohup-tty "nohup 0 to-file nohup: ignoring input and appending output to 'nohup.out'" "$(grep '^nohup' <<<"$out")"
fi

echo "sys commands: $((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
