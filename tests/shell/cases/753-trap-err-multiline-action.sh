# an ERR trap's own commands keep BASH_COMMAND and $?, count LINENO from the failed line, and do not re-trigger it
trap 'echo "first $LINENO $?"
false
echo "second $LINENO $? [$BASH_COMMAND]"' ERR

false

echo "after: $?"
f() { return 7; }
f
echo "status kept: $?"
