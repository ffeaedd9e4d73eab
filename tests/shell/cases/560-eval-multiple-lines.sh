# eval of multi-line text
eval 'a=1
b=2
echo "a+b=$((a + b))"'
