# "$@" into an array keeps elements
set -- 'a b' c 'd e f'
arr=("$@")
echo "${#arr[@]}"
printf '[%s]\n' "${arr[@]}"
