# substitution results are split with IFS
IFS=,
set -- $(echo 'x,y,,z')
echo "$#"
printf '[%s]\n' "$@"
