# let evaluates each argument
let a=1+2 'b = a * 3' c++
echo "a=$a b=$b c=$c"
let 'd = 0'
echo "status $?"
let e=5
echo "status $?"
