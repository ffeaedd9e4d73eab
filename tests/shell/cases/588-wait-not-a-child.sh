# waiting for a process that is not a child fails
wait 1
echo "status $?"
