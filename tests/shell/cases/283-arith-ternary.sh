# the conditional operator, nested
for n in 1 5 10; do
  echo "$n: $((n < 3 ? 1 : n < 7 ? 2 : 3))"
done
x=0
echo $((1 ? (x = 10) : (x = 20))) "x=$x"
