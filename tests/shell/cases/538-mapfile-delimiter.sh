# mapfile -d uses another line delimiter
mapfile -t -d , parts <<< "a,b,c"
printf '<%s>' "${parts[@]}"
echo
