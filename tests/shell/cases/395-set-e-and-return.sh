# set -e exits from a function at a failing command
set -e
f() { echo "in f"; false; echo "not reached in f"; }
f
echo "not reached"
