# read without -r joins escaped delimiters and lines
IFS=: read a b <<< 'x\:y:z'
echo "a=$a b=$b"
read -r c <<< 'raw\:kept'
echo "c=$c"
