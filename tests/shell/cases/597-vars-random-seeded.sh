# assigning RANDOM seeds a reproducible sequence
RANDOM=42
a="$RANDOM $RANDOM $RANDOM"
RANDOM=42
b="$RANDOM $RANDOM $RANDOM"
[ "$a" = "$b" ] && echo "same sequence for the same seed"
RANDOM=43
c="$RANDOM $RANDOM $RANDOM"
[ "$a" != "$c" ] && echo "another seed gives another sequence"
