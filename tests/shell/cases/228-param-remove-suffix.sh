# ${x%p} and ${x%%p} remove the shortest and longest suffix
f=archive.tar.gz
echo "${f%.*}"
echo "${f%%.*}"
echo "${f%.gz}"
echo "${f%nomatch}"
p=/usr/local/lib/file
echo "${p%/*}"
echo "${p%%/*}"
