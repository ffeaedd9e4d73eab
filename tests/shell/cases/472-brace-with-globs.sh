# brace expansion then globbing
: > one.txt; : > two.log
echo *.{txt,log}
echo {one,two}.*
