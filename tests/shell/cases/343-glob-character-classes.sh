# POSIX classes in brackets
: > A1; : > b2; : > '_3'; : > ' 4'
echo [[:upper:]]?
echo [[:lower:]]?
echo [[:punct:]]?
echo [[:digit:][:upper:]]*
