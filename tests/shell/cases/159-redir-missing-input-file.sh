# < from a missing file fails the command with a message
cat < nosuch.txt
echo "status $?"
echo "not run" < nosuch.txt
echo "status $?"
