# wait without arguments waits for every job and returns 0
(exit 1) & (exit 2) &
wait
echo "status $?"
