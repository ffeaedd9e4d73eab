# with lastpipe the last part runs in the current shell
shopt -s lastpipe
echo value | read v
echo "v=$v"
printf '%s\n' a b c | while read -r line; do last=$line; done
echo "last=$last"
