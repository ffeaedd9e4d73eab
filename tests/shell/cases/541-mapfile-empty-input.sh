# mapfile on empty input gives an empty array
mapfile -t arr < /dev/null
echo "${#arr[@]}"
