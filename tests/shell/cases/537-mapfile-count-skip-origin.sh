# -n -s and -O
printf 'l%d\n' 1 2 3 4 5 6 > lines.txt
mapfile -t -n 2 first < lines.txt
echo "${first[*]}"
mapfile -t -s 4 rest < lines.txt
echo "${rest[*]}"
arr=(x y)
mapfile -t -O 2 arr < <(echo p; echo q)
echo "${arr[*]}"
