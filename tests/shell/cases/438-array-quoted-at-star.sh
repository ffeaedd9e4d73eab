# "${arr[@]}" keeps elements, "${arr[*]}" joins
arr=('a b' '' c)
printf '[%s]\n' "${arr[@]}"
printf '[%s]\n' "${arr[*]}"
printf '[%s]\n' ${arr[@]}
IFS=-
echo "${arr[*]}"
