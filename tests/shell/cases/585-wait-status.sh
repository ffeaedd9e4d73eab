# wait PID gives the job's status
(exit 3) &
p=$!
wait $p
echo "status $?"
