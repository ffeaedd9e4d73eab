# sourcing a missing file is an error
. ./does-not-exist.sh
echo "status $?"
