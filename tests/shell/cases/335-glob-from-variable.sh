# unquoted variables are globbed, quoted ones are not
: > v1.txt; : > v2.txt
p='v*.txt'
echo $p
echo "$p"
