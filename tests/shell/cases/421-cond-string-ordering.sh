# < and > compare strings in the C locale
[[ abc < abd ]] && echo "abc < abd"
[[ B < a ]] && echo "B < a in C locale"
[[ 10 < 9 ]] && echo "10 < 9 as strings"
[[ z > a ]] && echo "z > a"
