# eval performs a second round of expansion
x='$y'
y=final
eval echo "$x"
eval 'echo "$x"'
eval "echo '\$x is literal'"
