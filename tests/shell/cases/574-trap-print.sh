# trap -p prints traps in reusable form
trap 'echo bye' EXIT
trap 'echo "got usr1"' USR1
trap -p EXIT
trap -p USR1
trap -p TERM
trap - EXIT
