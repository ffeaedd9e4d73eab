# builtin runs a builtin even if a function shadows it
echo() { builtin echo "wrapped: $*"; }
echo hello
builtin echo plain
command echo via-command
unset -f echo
echo normal again
builtin nosuchbuiltin
echo "status $?"
