# an unknown command gives 127 and a message
nosuch_command_here
echo "status $?"
./nosuch_file_here
echo "status $?"
