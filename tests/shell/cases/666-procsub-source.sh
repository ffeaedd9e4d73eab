# source a process substitution
source <(echo 'sourced_var=from-procsub')
echo "$sourced_var"
