# an unset IFS behaves like space tab newline
unset IFS
x=$'a b\tc\nd'
set -- $x
echo "$#"
