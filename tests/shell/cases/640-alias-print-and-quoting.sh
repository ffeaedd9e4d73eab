# alias NAME prints the definition
shopt -s expand_aliases
alias q="echo 'single quotes' \"double\""
alias q
q
alias nosuch_alias
echo "status $?"
