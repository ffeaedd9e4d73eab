# a failing substitution in an assignment ends the script
set -e
x=$(echo value)
echo "x=$x"
y=$(false)
echo "not reached"
