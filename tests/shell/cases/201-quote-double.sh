# double quotes expand $ and ` but keep other characters
x=value
echo "x=$x, sub=$(echo s), tick=`echo t`, arith=$((1+1))"
echo "literal: * ? [a] ~ { } | & ; < > # '"
