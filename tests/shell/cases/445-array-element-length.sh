# ${#arr[i]} is an element's length
arr=(a bbb cccccc)
for i in "${!arr[@]}"; do echo "$i: ${#arr[i]}"; done
