# declare -n makes a reference to another variable
target=original
declare -n ref=target
echo "$ref"
ref=changed
echo "$target"
set_by_name() { local -n out=$1; out="set in function"; }
set_by_name result
echo "$result"
