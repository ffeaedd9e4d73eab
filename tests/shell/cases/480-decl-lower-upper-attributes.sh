# -l and -u convert on assignment
declare -l lower
declare -u upper
lower="Hello World"
upper="Hello World"
echo "$lower / $upper"
lower+=" AGAIN"
echo "$lower"
