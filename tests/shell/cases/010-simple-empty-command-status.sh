# a command that expands to nothing keeps the substitution's status
$(false)
echo "after \$(false): $?"
$(exit 3)
echo "after \$(exit 3): $?"
x=$(exit 4)
echo "assignment: $?"
$empty_var
echo "empty expansion: $?"
