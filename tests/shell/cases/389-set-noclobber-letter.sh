# set -C prevents > from overwriting
echo one > f.txt
set -C
echo two > f.txt
echo "status $?"
echo three >| f.txt
cat f.txt
