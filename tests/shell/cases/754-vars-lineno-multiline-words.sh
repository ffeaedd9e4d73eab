# LINENO of a command whose words span lines: bash counts from where it read past the first word and the next token
echo "a
b $LINENO"
echo $LINENO "c
d"
echo one \
  $LINENO
x="e
f" y=$LINENO
echo "$y"
echo "sub $(echo $LINENO)"
nosuch "g
h"
echo "end $LINENO"
