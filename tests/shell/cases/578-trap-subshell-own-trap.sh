# traps set in a subshell run there
(
  trap 'echo "subshell EXIT trap"' EXIT
  echo "in subshell"
)
echo "parent continues"
