# set -e with an ERR trap runs the trap before exiting
set -e
trap 'echo "ERR trap, status $?"' ERR
echo start
false
echo "not reached"
