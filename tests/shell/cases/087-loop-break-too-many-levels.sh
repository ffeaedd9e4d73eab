# break with more levels than loops leaves them all
for a in 1 2; do
  while true; do
    echo "in $a"
    break 5
  done
  echo "not printed"
done
echo "status $?"
