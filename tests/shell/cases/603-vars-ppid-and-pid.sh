# PPID and BASHPID are numbers
[[ $PPID =~ ^[0-9]+$ ]] && echo "PPID numeric"
[[ $BASHPID =~ ^[0-9]+$ ]] && echo "BASHPID numeric"
[ "$BASHPID" = "$$" ] && echo "BASHPID is \$\$ in the main shell"
[ "$(echo $BASHPID)" != "$$" ] && echo "BASHPID differs in a subshell"
