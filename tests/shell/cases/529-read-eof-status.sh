# read fails at end of input but keeps a partial line
printf 'partial' > p.txt
read -r line < p.txt
echo "status $? line=[$line]"
read -r none < /dev/null
echo "status $? none=[$none]"
