# popd +N/-N, pushd -N and -n, dirs -l -p -v +N -N, out-of-range indexes
cd /
pushd /usr >/dev/null; pushd /bin >/dev/null; pushd /etc >/dev/null
dirs
dirs -p
dirs +1; dirs -0
pushd -1
popd +2
popd -0
dirs -v
pushd -n /tmp
pwd
popd +7; echo "status $?"
pushd +9; echo "status $?"
HOME=/etc; dirs; dirs -l
dirs -c; popd; echo "status $?"
echo "${#DIRSTACK[@]} ${DIRSTACK[0]}"
