# globs in array assignments and for lists
: > one.item; : > two.item; : > three.item
files=(*.item)
echo "${#files[@]}: ${files[*]}"
for f in *.item; do echo "file $f"; done
