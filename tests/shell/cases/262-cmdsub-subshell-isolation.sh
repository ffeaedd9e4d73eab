# a substitution runs in a subshell
x=1
y=$(x=2; echo $x)
echo "x=$x y=$y"
z=$(cd /; pwd)
echo "z=$z"
[ "$PWD" != / ] && echo "cwd unchanged"
