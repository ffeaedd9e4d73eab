# unalias removes aliases
shopt -s expand_aliases
alias a1='echo one' a2='echo two'
a1
unalias a1
a1 2>/dev/null || echo "a1 removed"
unalias -a
alias
unalias nosuch_alias
echo "status $?"
