# exit inside a pipeline only ends that subshell
echo a | exit 3
echo "still here, status $?"
exit 4 | true
echo "status $?"
