# negative indices count from the end
arr=(a b c d)
echo "${arr[-1]} ${arr[-2]}"
arr[-1]=D
echo "${arr[@]}"
