# (( )) assigns variables
((a = 4, b = a * a))
echo "a=$a b=$b"
((c++))
((c++))
echo "c=$c"
