# the ERR trap: set -E passes it to functions and subshells; without it a function's failure shows at the call
trap 'echo "ERR $? at $LINENO: $BASH_COMMAND"' ERR
f() { false; echo "f goes on"; return 3; }
f
( exit 4 )
{ false; }
for i in 1; do false; done
true | false
x=$(exit 5)
! false
false && true
echo "-- set -E"
set -E
f
( false; echo "subshell goes on" )
g() { ( exit 6 ); }
g
