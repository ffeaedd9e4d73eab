# the C-style for loop
for ((i = 0; i < 5; i++)); do echo -n "$i "; done
echo
for ((i = 10, j = 0; i > j; i -= 3, j++)); do echo "i=$i j=$j"; done
