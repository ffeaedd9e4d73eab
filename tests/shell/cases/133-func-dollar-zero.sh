# $0 stays the script name inside functions
f() { echo "in function: $0"; }
echo "top: $0"
f
