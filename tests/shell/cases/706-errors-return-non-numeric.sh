# return with a non-numeric argument
f() { return abc; }
f
echo "status $?"
