# declare with an invalid option
declare -Q x
echo "status $?"
