# set -n reads commands without running them
echo "before set -n"
set -n
echo "not run"
false
exit 5
