# n>&m- moves a descriptor
exec 3> moved.txt
exec 4>&3-
echo "via 4" >&4
echo "via 3" >&3
echo "status $?"
exec 4>&-
cat moved.txt
