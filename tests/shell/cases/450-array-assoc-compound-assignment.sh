# declare -A with ( [k]=v ... )
declare -A m=([one]=1 [two]=2 [three]=3)
echo "${m[two]} ${#m[@]}"
m+=([four]=4)
echo "${m[four]} ${#m[@]}"
