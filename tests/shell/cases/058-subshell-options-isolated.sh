# set -e in a subshell ends only the subshell
(set -e; false; echo "not printed")
echo "subshell status $?"
echo "parent continues"
