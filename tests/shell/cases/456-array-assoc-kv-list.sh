# bash 5.1 key value list assignment
declare -A m
m=(k1 v1 k2 v2)
echo "${m[k1]} ${m[k2]}"
