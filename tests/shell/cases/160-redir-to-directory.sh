# > to a directory fails
echo x > .
echo "status $?"
