# a backslash-escaped wildcard is literal
: > 'a*b'; : > axb
echo a\*b
echo a*b
