# the EXIT trap output goes where stdout goes
trap 'echo "from trap"' EXIT
exec > out.txt
echo "body"
trap 'cat out.txt >&2' EXIT
