# break N and continue N leave enclosing loops
for a in 1 2 3; do
  for b in x y z; do
    [ $b = y ] && [ $a = 1 ] && continue 2
    [ $a = 3 ] && break 2
    echo "$a$b"
  done
  echo "end inner $a"
done
echo "after"
