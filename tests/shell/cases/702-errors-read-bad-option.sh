# read with an invalid option
read -Q x <<< "a"
echo "status $?"
