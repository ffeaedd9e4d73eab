# printf -v assigns to a variable
printf -v out '%05.1f|%s' 3.14159 text
echo "$out"
printf -v n '%d' 0x10
echo "$n"
