# an alias ending in space makes the next word alias-checked
shopt -s expand_aliases
alias run='echo running: '
alias target='expanded-target'
run target
alias run2='echo running:'
run2 target
