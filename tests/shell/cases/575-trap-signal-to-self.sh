# a trapped signal sent with kill runs the handler
trap 'echo "caught USR1"' USR1
kill -USR1 $$
echo "after kill"
trap 'echo "caught TERM"' TERM
kill -s TERM $$
echo "still running"
