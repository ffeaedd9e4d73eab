# too many arguments is an error
[ a b c d e ]
echo "status $?"
x="two words"
[ $x = "two words" ]
echo "status $?"
