# the loop variable keeps its last value
for v in a b c; do :; done
echo "v=$v"
for ((k = 0; k < 3; k++)); do :; done
echo "k=$k"
