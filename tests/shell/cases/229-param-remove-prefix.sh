# ${x#p} and ${x##p} remove the shortest and longest prefix
p=/usr/local/lib/file.txt
echo "${p#*/}"
echo "${p##*/}"
echo "${p#/usr}"
echo "${p##nomatch}"
v=aaabbb
echo "${v#a*}" "${v##a*}" "${v#a}" "${v##a}"
