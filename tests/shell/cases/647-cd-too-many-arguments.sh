# cd with two arguments is an error
cd / /dev
echo "status $?"
