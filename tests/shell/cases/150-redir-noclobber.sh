# set -C refuses to overwrite, >| forces it
echo original > f.txt
set -C
echo replaced > f.txt
echo "status $?"
cat f.txt
echo forced >| f.txt
cat f.txt
echo appended >> f.txt
cat f.txt
echo new > other.txt && echo "new files are fine"
