# the value of an assignment is neither split nor globbed
v="a   b   c"
w=$v
echo "$w"
: > a.txt
g=*.txt
echo "$g"
h=$(echo "x   y")
echo "$h"
