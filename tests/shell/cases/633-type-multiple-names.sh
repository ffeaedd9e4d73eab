# type with several names reports each
f() { :; }
type -t echo f if nosuch_xyz
echo "status $?"
