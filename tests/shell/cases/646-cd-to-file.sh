# cd to a regular file fails
: > plain
cd plain
echo "status $?"
