# a scalar is element 0 of an array
s=scalar
echo "${s[0]} ${#s[@]}"
s[1]=second
echo "${s[@]}"
