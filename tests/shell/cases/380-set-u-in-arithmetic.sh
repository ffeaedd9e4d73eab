# set -u also catches unset names in arithmetic
set -u
( echo $((undefined_name + 1)) )
echo "status $?"
