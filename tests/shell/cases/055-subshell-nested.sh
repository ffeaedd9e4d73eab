# subshells nest
( ( ( echo deep ) ) )
( (echo a) ; (echo b) )
echo "$( (echo in-cmdsub-subshell) )"
