# one argument is true when non-empty
[ x ] && echo "non-empty is true"
[ "" ] || echo "empty is false"
[ -n ] && echo "-n alone is a non-empty string"
[ ] || echo "no arguments is false"
