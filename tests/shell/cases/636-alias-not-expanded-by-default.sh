# aliases do not expand in scripts by default
alias hi='echo hi'
hi
echo "status $?"
