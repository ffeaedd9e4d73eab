# non-whitespace IFS characters delimit empty fields
IFS=:
x='a::b:'
set -- $x
echo "$#"
printf '[%s]\n' "$@"
y=':lead'
set -- $y
echo "$#"
printf '[%s]\n' "$@"
