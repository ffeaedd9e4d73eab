# passing array elements as arguments
show() { echo "$# args"; for a; do echo " [$a]"; done; }
arr=(x 'y z')
show "${arr[@]}"
show "${arr[*]}"
