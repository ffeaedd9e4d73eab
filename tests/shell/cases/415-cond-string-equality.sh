# [[ == ]] and != compare strings
a=hello
[[ $a == hello ]] && echo "equal"
[[ $a != world ]] && echo "not equal"
[[ $a = hello ]] && echo "single = works too"
[[ "" == "" ]] && echo "empty equals empty"
