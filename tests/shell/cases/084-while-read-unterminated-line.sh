# the last line without newline needs || [ -n ]
printf 'a\nb\nc' > in.txt
while read -r l; do echo "read: $l"; done < in.txt
echo "---"
while read -r l || [ -n "$l" ]; do echo "read: $l"; done < in.txt
