# wait PID returns the background job's status
(exit 7) &
pid=$!
wait "$pid"
echo "status $?"
[ -n "$pid" ] && echo "\$! was set"
