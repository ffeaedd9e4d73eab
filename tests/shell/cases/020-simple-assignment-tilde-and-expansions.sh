# assignments expand parameters, commands and arithmetic
n=3
x=$n-$(echo sub)-$((n*2))
echo "$x"
y=${undefined:-default}
echo "$y"
