# the caller's positional parameters come back after a call
set -- a b c
f() { set -- x; shift; echo "inside: $#"; }
f 1 2
echo "after: $# $*"
