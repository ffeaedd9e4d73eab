# a failed redirection skips the command
echo "should not print" < missing_input.txt
echo "status $?"
{ echo "group skipped"; } < missing_input.txt
echo "status $?"
