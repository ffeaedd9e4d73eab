# shift N, and shift past the end fails
set -- 1 2 3 4 5
shift 2
echo "$*"
shift 3
echo "[$*] $#"
shift
echo "status $?"
