# wait with no background jobs returns immediately
wait
echo "status $?"
