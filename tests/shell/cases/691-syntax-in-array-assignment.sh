# an unclosed array assignment
arr=(a b
echo "${arr[@]}"
