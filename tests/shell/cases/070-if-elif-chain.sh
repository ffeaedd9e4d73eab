# elif branches are tried in order
for n in 1 5 10 20; do
  if [ "$n" -lt 3 ]; then
    echo "$n small"
  elif [ "$n" -lt 8 ]; then
    echo "$n medium"
  elif [ "$n" -lt 15 ]; then
    echo "$n large"
  else
    echo "$n huge"
  fi
done
