# ${!arr[@]} lists the indices
arr=(a b c)
arr[7]=h
echo "${!arr[@]}"
