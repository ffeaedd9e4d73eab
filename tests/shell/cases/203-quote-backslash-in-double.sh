# inside double quotes backslash escapes only $ ` " \ and newline
echo "\$ \` \" \\ \a \n \' \{"
echo "line\
continued"
