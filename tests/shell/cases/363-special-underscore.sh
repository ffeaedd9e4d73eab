# $_ is the last argument of the previous command
echo a b c
echo "$_"
true last-arg
echo "$_"
