# an alias is not expanded inside itself
shopt -s expand_aliases
alias echo='echo [aliased]'
echo hello
alias ls2='ls2_fn'
ls2_fn() { echo "function reached"; }
ls2
