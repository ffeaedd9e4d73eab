# the status of for is the last body command's
for w in a b; do (exit 3); done
echo "status $?"
