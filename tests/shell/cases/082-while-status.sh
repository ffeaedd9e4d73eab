# a loop's status is the last body command's, 0 if none ran
while false; do :; done
echo "no iterations: $?"
i=0
while [ $i -lt 2 ]; do i=$((i+1)); (exit 6); done
echo "last body status: $?"
