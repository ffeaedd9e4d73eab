# $* and $@ in a function refer to its arguments
f() { echo "$# [$*]"; printf '(%s)' "$@"; echo; }
set -- outer
f 'a b' c
f
