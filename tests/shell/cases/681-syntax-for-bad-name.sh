# a for loop variable must be a name
for 1x in a b; do echo $1x; done
echo after
