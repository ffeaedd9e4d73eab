# the EXIT trap runs when the script ends
trap 'echo "exit trap runs"' EXIT
echo "main body"
