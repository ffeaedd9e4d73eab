# command -V describes a name
f() { :; }
command -V echo
command -V if
command -V nosuchthing_xyz
echo "status $?"
