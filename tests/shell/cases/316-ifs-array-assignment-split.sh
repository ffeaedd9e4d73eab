# array assignment splits unquoted expansions
IFS=,
csv='red,green,,blue'
arr=($csv)
echo "${#arr[@]}"
printf '[%s]\n' "${arr[@]}"
