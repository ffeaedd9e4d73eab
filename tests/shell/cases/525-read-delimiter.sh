# read -d reads up to another delimiter
read -r -d ';' first <<< "one;two;three"
echo "$first"
read -r -d '' all <<< "multi
line"
echo "[$all] status $?"
