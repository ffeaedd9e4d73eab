# -t is false for a non-terminal descriptor
[ -t 5 ] || echo "fd 5 is not a terminal"
: > f
exec 6< f
[ -t 6 ] || echo "a file is not a terminal"
