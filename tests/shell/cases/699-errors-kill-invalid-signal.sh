# kill with an unknown signal or no pid
kill -NOSUCHSIG $$
echo "status $?"
kill
echo "status $?"
