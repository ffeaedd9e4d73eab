# set with an unknown option
set -Z
echo "status $?"
set -o nosuchoption
echo "status $?"
