# exit in a function inside $( ) only leaves the substitution
f() { echo "value"; exit 5; }
x=$(f)
echo "x=$x status=$?"
exit 6
