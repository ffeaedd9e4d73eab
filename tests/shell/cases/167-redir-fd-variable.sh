# {var}> allocates a descriptor number of at least 10
exec {fd}> fdvar.txt
echo "written via {fd}" >&$fd
[ "$fd" -ge 10 ] && echo "fd is at least 10"
exec {fd}>&-
cat fdvar.txt
exec {in}< fdvar.txt
read -r -u "$in" line
echo "read back: $line"
exec {in}<&-
