# trap - resets a trap
trap 'echo should not run' EXIT
trap - EXIT
echo "trap reset"
