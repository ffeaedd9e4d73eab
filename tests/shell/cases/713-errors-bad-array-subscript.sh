# a bad array subscript
arr=(a b)
echo "${arr[-5]}"
echo "status $?"
arr[-5]=x
echo "status $?"
