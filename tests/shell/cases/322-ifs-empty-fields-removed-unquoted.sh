# unquoted empty expansions vanish
empty=
set -- $empty a $empty b "$empty"
echo "$#"
printf '[%s]\n' "$@"
