# quoting on the right of an assignment
a="x y"
b=$a
c="$a"
d='$a'
e=\$a
printf '[%s]\n' "$b" "$c" "$d" "$e"
