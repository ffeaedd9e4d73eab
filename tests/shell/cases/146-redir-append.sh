# >> appends
echo one > out.txt
echo two >> out.txt
echo three >> out.txt
cat out.txt
>> created-by-append.txt
[ -f created-by-append.txt ] && echo "created by >>"
