# quoted expansions are never split
IFS=:
x='a:b:c'
set -- "$x"
echo "$#"
set -- $x
echo "$#"
