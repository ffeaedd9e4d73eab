# aliases expand with expand_aliases
shopt -s expand_aliases
alias say='echo said:'
say hello
alias
