# seq as a loop list
# requires: seq
for i in $(seq 3); do echo "i=$i"; done
seq -s, 1 2 9
