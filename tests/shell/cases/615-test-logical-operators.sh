# ! -a -o and parentheses
[ ! -z x ] && echo "negation"
[ a = a -a b = b ] && echo "and: -a"
[ a = b -o b = b ] && echo "or: -o"
[ \( a = b -o b = b \) -a c = c ] && echo "parentheses"
[ a = a ] && [ b = b ] && echo "&& between tests"
