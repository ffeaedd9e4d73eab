# -v tests whether a variable or element is set
x=1
e=
arr=(a b)
[[ -v x ]] && echo "x set"
[[ -v e ]] && echo "e set (empty)"
[[ -v undefined ]] || echo "undefined not set"
[[ -v arr[1] ]] && echo "arr[1] set"
[[ -v arr[5] ]] || echo "arr[5] not set"
