# return N sets the function's status
f() { return 5; }
f
echo "status $?"
g() { false; return; }
g
echo "return without N: $?"
h() { (exit 9); }
h
echo "last command: $?"
