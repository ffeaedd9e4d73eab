# assignments in ( ) do not reach the parent
x=1
(x=2; echo "inside: $x")
echo "outside: $x"
