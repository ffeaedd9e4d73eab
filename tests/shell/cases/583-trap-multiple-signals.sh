# one trap for several signals
trap 'echo "handled"' USR1 USR2
kill -USR1 $$
kill -USR2 $$
trap -p USR2
