# extra variables are empty, the last takes the rest
read -r a b c <<< "only"
echo "a=[$a] b=[$b] c=[$c]"
read -r x y <<< "1 2 3 4"
echo "x=[$x] y=[$y]"
