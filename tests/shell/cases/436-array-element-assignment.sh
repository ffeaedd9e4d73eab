# assigning elements, sparse indices
arr[0]=a
arr[5]=f
arr[2]=c
echo "${arr[@]}"
echo "${!arr[@]}"
echo "${#arr[@]}"
