# read -u reads from a descriptor
printf 'l1\nl2\n' > in.txt
exec 3< in.txt
read -r -u 3 one
read -r -u 3 two
echo "$one $two"
exec 3<&-
