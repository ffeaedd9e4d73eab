# assignments and [[ ]] do not split
x='a   b'
y=$x
echo "[$y]"
[[ $x == 'a   b' ]] && echo "no splitting in [[ ]]"
case $x in 'a   b') echo "no splitting in case" ;; esac
