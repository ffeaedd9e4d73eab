# break and continue in while
i=0
while true; do
  i=$((i + 1))
  [ $i -eq 2 ] && continue
  [ $i -gt 4 ] && break
  echo "i=$i"
done
echo "ended at $i"
