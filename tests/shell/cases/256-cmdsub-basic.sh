# $( ) substitutes a command's output
x=$(echo hello)
echo "x=$x"
echo "inline: $(echo a) $(echo b)"
