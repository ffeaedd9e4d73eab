# read from here-strings
read -r a b <<< "1 2 3"
echo "a=$a b=$b"
IFS=: read -r u v <<< "left:right"
echo "u=$u v=$v"
