# += appends elements or to an element
arr=(a b)
arr+=(c d)
echo "${arr[@]} (${#arr[@]})"
arr[0]+=-suffix
echo "${arr[0]}"
arr+=(e)
echo "${arr[-1]}"
