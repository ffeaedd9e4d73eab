# >&- closes a descriptor and writing to it fails
echo hi >&-
echo "status $?"
{ echo "to closed fd 3" >&3; } 3>&-
echo "status $?"
