# export -f: listings, children see the function, -n and unset -f take it back
greet() { echo "hello $1"; }
other() { :; }
export -f greet
export -f
declare -F
declare -pf greet
bash -c 'greet child; declare -F'
greet() { echo "redefined $1"; }
bash -c 'greet again'
export -nf greet
bash -c 'greet gone' 2>/dev/null || echo "not passed"
export -f nosuch; echo "status $?"
export -f greet; unset -f greet
bash -c 'declare -F'
