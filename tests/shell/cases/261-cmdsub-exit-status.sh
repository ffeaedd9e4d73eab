# the status of an assignment is the last substitution's
x=$(exit 5)
echo "status $?"
x=$(true)$(exit 2)
echo "status $?"
x=$(exit 3) y=$(true)
echo "status $?"
