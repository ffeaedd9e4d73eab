# exit inside a function ends the whole script
f() { echo "in f"; exit 3; echo "not reached"; }
f
echo "not reached either"
