# $$ stays the parent shell's pid in subshells
[ "$$" -gt 0 ] && echo "pid is positive"
outer=$$
( [ "$$" = "$outer" ] && echo "same \$\$ in subshell" )
[ "$(echo $$)" = "$outer" ] && echo "same \$\$ in command substitution"
