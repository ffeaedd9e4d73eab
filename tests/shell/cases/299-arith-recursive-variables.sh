# variables holding expressions are evaluated recursively
a=b
b=c
c=7
echo $((a + 1))
e='1 + 2'
echo $((e * 3))
