# exit with a non-numeric argument fails with 2
echo before
exit abc
echo "not reached"
