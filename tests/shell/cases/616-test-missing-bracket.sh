# [ without ] is an error
[ a = a
echo "status $?"
