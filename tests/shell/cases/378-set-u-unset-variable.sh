# set -u makes expanding an unset variable an error
set -u
x=1
echo "x=$x"
echo "y=$y"
echo "not reached"
