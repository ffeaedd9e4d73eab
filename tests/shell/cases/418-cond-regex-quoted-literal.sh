# quoted parts of a regex match literally
[[ 'a.c' =~ ^a\.c$ ]] && echo "escaped dot"
[[ 'abc' =~ ^a"."c$ ]] || echo "quoted dot is literal"
[[ 'a.c' =~ "a.c" ]] && echo "quoted whole regex is a substring match"
re='^[0-9]+$'
[[ 123 =~ $re ]] && echo "regex from variable"
[[ 12a =~ $re ]] || echo "12a is not a number"
