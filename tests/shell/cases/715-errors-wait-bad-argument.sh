# wait with a non-numeric argument
wait abc
echo "status $?"
