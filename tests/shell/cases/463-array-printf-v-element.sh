# printf -v into an element
arr=(a b)
printf -v 'arr[1]' '%03d' 7
echo "${arr[@]}"
