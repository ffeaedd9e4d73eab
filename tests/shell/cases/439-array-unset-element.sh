# unset removes elements and indices are kept
arr=(a b c d)
unset 'arr[1]'
echo "${arr[@]}"
echo "${!arr[@]}"
unset arr
echo "[${arr[*]}] ${#arr[@]}"
