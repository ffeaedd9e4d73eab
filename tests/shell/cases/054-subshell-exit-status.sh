# exit in a subshell gives the subshell's status
(exit 4)
echo "status $?"
(false)
echo "status $?"
(exit)
echo "status $?"
