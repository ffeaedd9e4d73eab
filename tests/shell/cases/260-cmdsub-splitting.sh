# unquoted substitutions are split and globbed
set -- $(echo "a   b    c")
echo "$#"
set -- "$(echo "a   b    c")"
echo "$#"
: > g1.txt; : > g2.txt
echo $(echo '*.txt')
echo "$(echo '*.txt')"
