# quotes keep spaces, tabs and newlines
x="a   b
c	d"
echo $x
echo "$x"
