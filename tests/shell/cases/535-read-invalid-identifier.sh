# read into an invalid name is an error
read -r 1bad <<< "value"
echo "status $?"
