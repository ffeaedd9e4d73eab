# n<&m reads from a duplicated descriptor
printf 'from fd 4\nsecond\n' > in.txt
exec 4< in.txt
read -r a <&4
read -r -u 4 b
echo "a=$a b=$b"
cat 0<&4
exec 4<&-
echo "closed"
