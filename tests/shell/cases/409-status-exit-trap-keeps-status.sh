# an EXIT trap does not change the exit status
trap 'echo "in trap, status $?"' EXIT
exit 5
