# set +e turns errexit off
set -e
set +e
false
echo "continued after false, status $?"
