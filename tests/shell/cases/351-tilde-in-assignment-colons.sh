# in assignments, tildes after : expand too
PATHLIKE=~/a:~/b
echo "$PATHLIKE"
export E=~/exported
echo "$E"
