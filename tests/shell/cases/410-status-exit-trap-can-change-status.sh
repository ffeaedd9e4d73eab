# exit inside the EXIT trap sets the status
trap 'echo "trap"; exit 9' EXIT
exit 5
