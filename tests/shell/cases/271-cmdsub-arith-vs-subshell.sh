# $(( is arithmetic, $( ( is a subshell
echo $((1 + 2))
echo $( (echo subshell) )
