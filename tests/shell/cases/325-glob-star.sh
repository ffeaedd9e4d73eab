# * matches any string in file names
: > a.txt; : > b.txt; : > c.log
echo *.txt
echo *.log
echo [ab].*
