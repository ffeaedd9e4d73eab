# changing the variable in the body does not change iteration
for w in a b c; do
  echo "$w"
  w=changed
done
