# type of an unknown name fails
type nosuchthing_xyz
echo "status $?"
type -t nosuchthing_xyz
echo "status $?"
