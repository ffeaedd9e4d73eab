# continue in for (( )) still runs the update expression
for ((i = 0; i < 5; i++)); do
  [ $i -eq 2 ] && continue
  echo "$i"
done
