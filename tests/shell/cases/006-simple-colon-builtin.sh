# the : builtin does nothing, succeeds and still expands its arguments
false
: ignored arguments here
echo "status $?"
: $((n = 5)) ${m:=7}
echo "n=$n m=$m"
