# exit in ( ) does not end the script
(exit 9)
echo "after subshell: $?"
exit 0
