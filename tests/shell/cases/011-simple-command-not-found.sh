# an unknown command prints a message and gives 127
nosuchcommand_xyz arg1
echo "status $?"
"also missing" 2>/dev/null
echo "status $?"
