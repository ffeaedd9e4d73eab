# shift with a non-numeric count is an error
set -- a
shift x
echo "status $?"
shift -1
echo "status $?"
