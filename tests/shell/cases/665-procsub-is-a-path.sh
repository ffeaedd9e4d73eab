# the substitution expands to a readable path
f=<(echo content)
[ -n "$f" ] && echo "got a path"
[[ $f == /* ]] && echo "absolute"
