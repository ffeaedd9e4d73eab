# lengths through appends and unsets
arr=()
echo "${#arr[@]}"
arr+=(a); arr+=(b); arr+=(c)
echo "${#arr[@]}"
unset 'arr[0]'
echo "${#arr[@]} ${!arr[@]}"
arr=("${arr[@]}")
echo "${#arr[@]} ${!arr[@]}"
