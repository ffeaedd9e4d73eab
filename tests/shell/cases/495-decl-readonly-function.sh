# readonly -f protects a function
f() { echo original; }
readonly -f f
f() { echo redefined; }
echo "status $?"
f
