# a script whose last command is missing exits 127
echo "before"
no_such_command_at_end
