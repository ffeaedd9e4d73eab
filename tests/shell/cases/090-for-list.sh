# for iterates over a word list
for w in apple banana cherry; do
  echo "fruit: $w"
done
