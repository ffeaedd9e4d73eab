# a non-numeric argument to %d is an error but printing continues
printf '%d\n' abc
echo "status $?"
printf '%d %d\n' 12abc 7
echo "status $?"
