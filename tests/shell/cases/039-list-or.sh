# || runs the right side only if the left fails
false || echo "ran after false"
true || echo "not printed"
echo "status $?"
