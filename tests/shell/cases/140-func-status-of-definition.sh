# defining a function succeeds with status 0
false
f() { false; }
echo "status $?"
