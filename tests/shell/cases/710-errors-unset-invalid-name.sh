# unset with an invalid name
unset 'bad-name'
echo "status $?"
