# read one line into variables
read -r a b c <<< "one two three"
echo "a=$a b=$b c=$c"
