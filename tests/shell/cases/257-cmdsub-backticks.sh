# backticks are the old form of command substitution
x=`echo ticks`
echo "x=$x"
echo "inline `echo one` `echo two`"
