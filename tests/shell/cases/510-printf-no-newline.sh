# printf adds no newline itself
printf 'no newline'
printf ' then one\n'
