# a subshell runs its own EXIT trap
trap 'echo parent exit' EXIT
(trap 'echo subshell exit' EXIT; echo in subshell)
echo back in parent
