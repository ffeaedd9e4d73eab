# a script killed by a signal exits 128+N
echo "before kill"
kill -TERM $$
echo "not reached"
