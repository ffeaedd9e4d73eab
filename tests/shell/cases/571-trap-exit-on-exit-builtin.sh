# the EXIT trap runs on exit N and sees the status
trap 'echo "trap sees $?"' EXIT
echo body
exit 4
