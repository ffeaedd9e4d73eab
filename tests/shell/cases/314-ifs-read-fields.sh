# read splits with IFS and the last variable takes the rest
IFS=: read -r a b c <<< "one:two:three:four"
echo "a=$a b=$b c=$c"
IFS=: read -r a b <<< "x::y"
echo "a=$a b=$b"
read -r a b <<< "   lead    trail   "
echo "a=[$a] b=[$b]"
IFS= read -r line <<< "   keep spaces   "
echo "[$line]"
