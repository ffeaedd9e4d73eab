# set -x traces commands to stderr with +
set -x
echo hello
x=5
echo "x is $x"
set +x
echo "quiet again"
