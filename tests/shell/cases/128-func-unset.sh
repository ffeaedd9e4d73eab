# unset -f removes a function
f() { echo defined; }
f
unset -f f
f 2>/dev/null
echo "status $?"
