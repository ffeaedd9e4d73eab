# a callee modifies its caller's local, not the global
x=global
setx() { x=set-by-callee; }
f() { local x=f-local; setx; echo "f sees $x"; }
f
echo "global: $x"
