# a value of only IFS whitespace gives no fields
x='   '
set -- $x
echo "$#"
IFS=:
y=':'
set -- $y
echo "$#"
printf '[%s]\n' "$@"
