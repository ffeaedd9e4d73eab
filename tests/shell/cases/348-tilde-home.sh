# ~/x expands with HOME
echo ~/x
echo ~/
x=~/in-assignment
echo "$x"
