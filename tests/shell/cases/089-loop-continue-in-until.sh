# continue jumps to the until condition
n=0
until [ $n -ge 5 ]; do
  n=$((n + 1))
  [ $((n % 2)) -eq 0 ] && continue
  echo "odd $n"
done
