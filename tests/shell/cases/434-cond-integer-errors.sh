# non-numeric operands of -eq are evaluated as arithmetic
x=abc
[[ 0 -eq x ]] && echo "abc is an unset name, so 0"
[[ 1 -eq 1+ ]]
echo "status $?"
