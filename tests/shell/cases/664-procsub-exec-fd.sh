# open a process substitution on a descriptor
exec 3< <(echo "line on fd 3")
read -r l <&3
echo "$l"
exec 3<&-
