# extglob operators alone make a word a pathname pattern
shopt -s extglob
: > x.txt; : > y.txt; : > xy.txt; : > z.md
echo +(x|y).txt
echo @(x).txt
echo !(*.txt)
echo ?(x)y.txt
echo "+(x).txt" '@(y).txt'
echo +(q).none
