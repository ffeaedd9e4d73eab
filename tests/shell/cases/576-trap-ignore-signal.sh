# an empty trap action ignores the signal
trap '' USR2
kill -USR2 $$
echo "survived USR2"
