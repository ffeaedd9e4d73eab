# trailing newlines are removed, inner ones kept
x=$(printf 'a\n\nb\n\n\n')
printf '[%s]\n' "$x"
y=$(printf '\n\n')
printf '[%s]\n' "$y"
z=$(printf 'no newline')
printf '[%s]\n' "$z"
