# the status of an and-or list is the last command run
false && true
echo "false && true: $?"
true || false
echo "true || false: $?"
false || (exit 3)
echo "false || exit 3: $?"
