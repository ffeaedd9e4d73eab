# a malformed expression is an error
( echo $((1 +)) )
echo "status $?"
( echo $((2 3)) )
echo "status $?"
( x='a b'; echo $((x)) )
echo "status $?"
