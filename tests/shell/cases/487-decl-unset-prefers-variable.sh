# unset NAME removes the variable before the function
name=variable
name() { echo "function still here"; }
unset name
echo "[${name-unset}]"
name
unset name
type -t name || echo "now the function is gone too"
