# array indices are arithmetic
arr=(a b c d e)
i=1
echo "${arr[i+1]}" "${arr[i*3]}" "${arr[$((i))]}"
arr[i+5]=g
echo "${!arr[@]}"
