# a whole loop can take its input from a file
printf 'one\ntwo\nthree\n' > in.txt
count=0
while read -r line; do
  count=$((count + 1))
  echo "$count: $line"
done < in.txt
echo "count=$count"
