# command -v prints how a name would be run
f() { :; }
shopt -s expand_aliases
alias a1='echo x'
command -v echo
command -v f
command -v if
command -v a1
command -v nosuchthing_xyz
echo "status $?"
