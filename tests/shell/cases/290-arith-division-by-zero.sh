# dividing by zero is an error
echo $((1 / 0))
echo "status $?"
( echo $((5 % 0)) )
echo "status $?"
echo "continues"
