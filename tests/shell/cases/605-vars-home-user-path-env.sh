# the environment has HOME and USER
echo "HOME=$HOME USER=$USER"
[ -n "$PATH" ] && echo "PATH is set"
