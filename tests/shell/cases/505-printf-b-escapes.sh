# %b interprets escapes in arguments
printf '%b\n' 'a\tb' 'c\nd' '\0101'
printf '%s\n' 'a\tb'
printf '%b' 'stops here\c not printed'
echo
