# a negative exponent is an error
( echo $((2 ** -1)) )
echo "status $?"
