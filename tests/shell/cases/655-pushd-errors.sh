# popd on an empty stack and pushd without a directory
popd
echo "status $?"
pushd
echo "status $?"
