# the comma operator evaluates left to right
echo $((a = 1, b = a + 1, a + b))
echo "a=$a b=$b"
