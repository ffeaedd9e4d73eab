# a nameref to an array
arr=(a b c)
declare -n r=arr
echo "${r[1]} ${#r[@]}"
r+=(d)
echo "${arr[*]}"
