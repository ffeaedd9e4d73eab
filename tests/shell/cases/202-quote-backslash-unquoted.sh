# a backslash outside quotes quotes the next character
echo \$x \* \" \' \\ \a\b\c
echo a\ b\ \ c
echo \
