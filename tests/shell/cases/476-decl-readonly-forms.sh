# readonly NAME, readonly -a and declare -r
x=5
readonly x
declare -r y=6
readonly -a ra=(1 2)
declare -p x y ra
( x=7 ) 2>/dev/null || echo "x is readonly in subshells too"
