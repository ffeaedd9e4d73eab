# arithmetic in conditions and loops
n=0
while ((n < 3)); do
  ((n % 2 == 0)) && echo "$n even" || echo "$n odd"
  ((n++))
done
