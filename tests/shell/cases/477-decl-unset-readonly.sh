# a readonly variable cannot be unset
readonly keep=1
unset keep
echo "status $? keep=$keep"
