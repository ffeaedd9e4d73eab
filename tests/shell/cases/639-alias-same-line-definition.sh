# an alias defined on a line is not used on that line
shopt -s expand_aliases
alias later='echo later works'; later 2>/dev/null || echo "not yet on the same line"
later
