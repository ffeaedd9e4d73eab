# globs are not expanded in assignments
: > g.txt
x=*.txt
echo "$x"
echo $x
