# a here-document read by every iteration
for i in 1 2; do
  while read -r l; do echo "$i: $l"; done <<EOF
a-$i
b-$i
EOF
done
