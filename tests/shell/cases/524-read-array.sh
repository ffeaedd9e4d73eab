# read -a splits into an array
read -r -a arr <<< "a b  c"
echo "${#arr[@]} ${arr[2]}"
