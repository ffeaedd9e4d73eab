# -v tests whether a variable is set
x=
[ -v x ] && echo "x is set"
[ -v y ] || echo "y is not set"
