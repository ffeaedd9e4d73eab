# backslashes inside backticks
x=5
echo `echo \$x`
echo `echo '\$x'`
echo "`echo \\\\`"
