# $1 to $9 and ${10}
set -- one two three four five six seven eight nine ten
echo "$1 $5 $9 ${10}"
echo "$10"
