# default IFS splits on runs of spaces, tabs and newlines
x=$'  leading   middle\t\ttab\n\nnewline  trailing  '
set -- $x
echo "$#"
printf '[%s]\n' "$@"
