# set -- replaces the positional parameters
set -- x y
echo "$# $*"
set -- "$@" z
echo "$# $*"
set -- -not-an-option
echo "$1"
