# read without names fills REPLY unchanged
read <<< "  spaced  value  "
echo "[$REPLY]"
