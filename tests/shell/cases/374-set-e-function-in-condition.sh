# set -e is ignored in a function called as a condition
set -e
f() { false; echo "f continued after false"; }
if f; then echo "f returned true"; fi
f || echo "not printed"
echo "end"
