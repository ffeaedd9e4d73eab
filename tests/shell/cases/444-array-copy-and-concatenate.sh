# copying and joining arrays
a=(1 2 3)
b=("${a[@]}")
b[0]=changed
c=("${a[@]}" "${b[@]}")
echo "a: ${a[*]}"
echo "b: ${b[*]}"
echo "c: ${c[*]} (${#c[@]})"
