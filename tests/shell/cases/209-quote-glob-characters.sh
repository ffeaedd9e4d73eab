# quoting prevents pathname expansion
: > a.txt
: > b.txt
echo *.txt
echo "*.txt"
echo '*.txt'
echo \*.txt
p='*.txt'
echo $p "$p"
