# whitespace and nested $(( )) inside
x=3
echo $((   x   *   2   ))
echo $(( $((x + 1)) * $(echo 2) ))
echo $(( (x) ))
