# a branch of only : is fine
x=
if [ -z "$x" ]; then :; else echo not; fi
echo "status $?"
