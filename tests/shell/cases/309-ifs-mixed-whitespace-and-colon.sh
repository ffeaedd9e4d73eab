# whitespace around a non-whitespace delimiter is absorbed
IFS=' :'
x='a : b  c:: d'
set -- $x
echo "$#"
printf '[%s]\n' "$@"
