# set -e applies to the last command of an && list
set -e
echo start
true && false
echo "not reached"
