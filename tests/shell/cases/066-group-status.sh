# a group's status is the last command's
{ false; }
echo "status $?"
{ true; false; true; }
echo "status $?"
