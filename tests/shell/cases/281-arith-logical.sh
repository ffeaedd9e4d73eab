# && and || short-circuit
x=0
echo $((1 && 2)) $((1 && 0)) $((0 || 0)) $((0 || 3))
echo $((0 && (x = 5))) "x=$x"
echo $((1 || (x = 6))) "x=$x"
echo $((1 && (x = 7))) "x=$x"
