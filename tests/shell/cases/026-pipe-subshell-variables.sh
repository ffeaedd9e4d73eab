# each part of a pipeline runs in a subshell
x=1
echo | x=2
echo "x=$x"
echo hi | { read y; echo "inside: $y"; }
echo "outside: [${y-unset}]"
