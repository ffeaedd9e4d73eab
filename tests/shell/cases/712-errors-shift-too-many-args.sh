# shift with two arguments
shift 1 2
echo "status $?"
