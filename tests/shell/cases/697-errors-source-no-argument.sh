# source without a file name
source
echo "status $?"
