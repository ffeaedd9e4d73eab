# for accepts newlines before do and a ; after the list
for w in one two
do
  echo "$w"
done
for w in three; do echo "$w"; done
