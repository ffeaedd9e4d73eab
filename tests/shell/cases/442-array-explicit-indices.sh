# (  [i]=v ) syntax in compound assignment
arr=([3]=three [1]=one four)
echo "${!arr[@]}"
echo "${arr[@]}"
