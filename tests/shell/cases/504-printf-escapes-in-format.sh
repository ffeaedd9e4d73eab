# escapes in the format string
printf 'tab\there\nnew line\\backslash\n'
printf '\101\102\x43\n'
printf 'quote: \" single: '"'"'\n'
