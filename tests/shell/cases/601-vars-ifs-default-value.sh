# the default IFS is space, tab, newline
printf '%q\n' "$IFS"
