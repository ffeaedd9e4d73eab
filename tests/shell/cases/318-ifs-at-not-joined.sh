# "$@" stays separate words whatever IFS is
set -- 'a b' c
IFS=x
printf '[%s]\n' "$@"
printf '[%s]\n' $@
