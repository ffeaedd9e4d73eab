# $( without )
echo before
x=$(echo inside
echo after
