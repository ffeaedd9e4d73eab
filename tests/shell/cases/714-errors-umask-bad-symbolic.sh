# umask with a bad permission character
umask u=rwz
echo "status $?"
