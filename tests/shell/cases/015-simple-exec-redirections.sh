# exec with only redirections changes the shell's own descriptors
exec 3> log.txt
echo "to fd 3" >&3
echo "again" >&3
exec 3>&-
cat log.txt
(exec echo "exec replaced the subshell"; echo "not reached")
echo "after"
