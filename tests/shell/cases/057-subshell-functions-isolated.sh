# functions defined in a subshell stay there
(f() { echo "f in subshell"; }; f)
f 2>/dev/null || echo "f is not defined outside"
