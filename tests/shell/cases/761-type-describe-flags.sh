# type -t -p -f -a and command -v/-V on functions, builtins and keywords
f() { echo f; }
type -t f if echo
type -p echo f; echo "status $?"
type -f f; echo "status $?"
type -a f
command -v f if echo
command -V f
command -V while
command -v nosuch_cmd_xyz; echo "status $?"
type -P nosuch_cmd_xyz; echo "status $?"
