# capture a function's output
f() { echo "from f"; printf 'second\n'; }
x=$(f)
echo "$x"
