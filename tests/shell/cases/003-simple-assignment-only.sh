# assignments without a command set shell variables
x=1
echo "$x"
x=2 y=3
echo "$x $y"
z=
echo "[$z]"
a=1 b=$a
echo "b=$b"
