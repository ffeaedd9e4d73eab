# commands separated by semicolons on one line run in order
echo one; echo two;echo three ; echo four
x=1; x=$((x+1)); echo "$x"
