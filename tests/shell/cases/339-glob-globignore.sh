# GLOBIGNORE removes matches
: > keep.txt; : > skip.txt; : > other.txt
GLOBIGNORE='skip*'
echo *.txt
GLOBIGNORE='*e*.txt:skip.txt'
echo *.txt
