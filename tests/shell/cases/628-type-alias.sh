# type describes aliases
shopt -s expand_aliases
alias ll='echo long listing'
type ll
type -t ll
