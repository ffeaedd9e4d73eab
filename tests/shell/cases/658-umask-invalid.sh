# an invalid mask is an error
umask 999
echo "status $?"
umask abc
echo "status $?"
