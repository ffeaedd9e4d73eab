# $! of `cmd &` is the command itself: killing it ends it, and wait reports its status
# requires: sleep
sleep 5 & pid=$!
kill "$pid"; wait "$pid"; echo "killed sleep: $?"
sleep 0.1 & wait $!; echo "sleep: $?"
bash -c 'exit 4' & wait $!; echo "bash: $?"
nosuchcommand_xyz & wait $!; echo "missing: $?"
cat </nonexistent/file & wait $!; echo "bad redirect: $?"
(exit 3) & wait $!; echo "subshell: $?"
f() { return 5; }; f & wait $!; echo "function: $?"
x=1; x=2 sleep 0 & wait $!; echo "assignment prefix: $? x=$x"
