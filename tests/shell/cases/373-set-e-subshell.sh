# a failing subshell ends a set -e script
set -e
echo start
(false; echo "not reached inside")
echo "not reached outside"
