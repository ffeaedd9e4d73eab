# enable -n disables a builtin, enable restores it
enable -n echo
type -t echo >/dev/null && echo "echo now resolves elsewhere"
enable echo
type -t echo
enable nosuchbuiltin_xyz
echo "status $?"
