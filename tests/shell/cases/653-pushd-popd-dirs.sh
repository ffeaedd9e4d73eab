# pushd and popd maintain a directory stack
cd /
pushd /dev
pushd /
dirs
popd
popd
dirs
