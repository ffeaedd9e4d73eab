# set -e exits with the failing command's status
set -e
echo start
(exit 7)
echo "not reached"
