# exit with two arguments
exit 1 2
echo "status $?"
