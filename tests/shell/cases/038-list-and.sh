# && runs the right side only if the left succeeds
true && echo "ran after true"
false && echo "not printed"
echo "status $?"
