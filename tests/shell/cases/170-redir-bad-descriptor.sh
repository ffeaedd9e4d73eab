# duplicating a descriptor that is not open fails
echo hi >&7
echo "status $?"
cat <&8
echo "status $?"
