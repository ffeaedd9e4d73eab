# a subshell killed by a signal gives 128+N
# stderr: ignore (bash reports the killed job with its pid)
( kill -TERM $BASHPID; echo "not reached" )
echo "status $?"
( kill -KILL $BASHPID; echo "not reached" )
echo "status $?"
