# pushd +N rotates the stack and dirs -v lists it
cd /
pushd /dev > /dev/null
pushd / > /dev/null
pushd /dev > /dev/null
dirs -v
pushd +2 > /dev/null
dirs
dirs -c
dirs
