# assignments do not brace-expand
x={a,b}
echo "$x"
