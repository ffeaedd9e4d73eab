# set -x traces inside functions
f() { echo "in f $1"; return 0; }
set -x
f arg
set +x
