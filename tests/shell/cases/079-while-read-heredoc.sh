# while read consumes a here-document line by line
while read -r name value; do
  echo "$name => $value"
done <<EOF
alpha 1
beta 2 extra
gamma
EOF
