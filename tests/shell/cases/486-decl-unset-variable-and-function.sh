# unset removes variables, -f functions, -v variables
x=1
unset x
echo "[${x-unset}]"
f() { echo func; }
unset -v f
f
unset -f f
type -t f || echo "f gone"
