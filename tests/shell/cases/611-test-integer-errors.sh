# non-integers are errors with status 2
[ abc -eq 1 ]
echo "status $?"
[ 1.5 -gt 1 ]
echo "status $?"
