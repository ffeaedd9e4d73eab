# a prefix assignment is in the environment of the command
FOO=bar bash -c 'echo "child sees [$FOO]"'
echo "parent sees [${FOO-unset}]"
