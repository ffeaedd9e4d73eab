# indices are evaluated arithmetically, assoc keys are not
arr=(a b c d)
i=1
echo "${arr[i+1]} ${arr[$i*3]}"
declare -A m
m[i+1]=literal
echo "${!m[@]}"
