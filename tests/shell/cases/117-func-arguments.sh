# a function gets its own positional parameters
show() { echo "count=$# first=$1 second=$2 all=$*"; }
set -- outer1 outer2 outer3
show a "b c"
show
echo "script args still: $*"
