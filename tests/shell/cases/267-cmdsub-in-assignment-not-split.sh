# assignment from a substitution keeps whitespace
x=$(printf 'a   b\tc')
printf '[%s]\n' "$x"
