# shift beyond $# fails, with a message under shift_verbose
set -- a b
shift 3
echo "status $? args: $*"
shopt -s shift_verbose
shift 3
echo "status $?"
