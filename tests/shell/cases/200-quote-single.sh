# single quotes keep everything literal
x=value
echo 'no $x expansion, no $(cmd), no `cmd`, no \n, a backslash \'
echo 'special | & ; < > ( ) { } * ? [ ] # ~ = %'
