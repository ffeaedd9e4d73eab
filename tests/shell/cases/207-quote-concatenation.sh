# adjacent quoted and unquoted parts form one word
x=mid
set -- a'b'"c"$'d'\e"$x"'$x'
echo "$# word: $1"
