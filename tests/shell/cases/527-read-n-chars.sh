# read -n reads up to N characters, -N exactly N
read -r -n 3 part <<< "abcdef"
echo "$part"
read -r -n 10 short <<< "ab"
echo "[$short]"
read -r -N 4 exact <<< $'ab\ncd'
printf '[%s]\n' "$exact"
