# a function's status after a failing last command
f() { true; false; }
f
echo "f: $?"
g() { false; true; }
g
echo "g: $?"
