# assigning to a readonly variable fails
readonly r=1
r=2
echo "status $? r=$r"
echo "script continues"
