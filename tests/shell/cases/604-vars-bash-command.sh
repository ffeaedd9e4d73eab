# BASH_COMMAND is the command being run
trap 'echo "running: $BASH_COMMAND"' DEBUG
echo one > /dev/null
trap - DEBUG
