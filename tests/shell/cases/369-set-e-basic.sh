# set -e stops the script at a failing command
set -e
echo before
false
echo "not reached"
