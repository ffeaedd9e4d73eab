# readarray is mapfile
readarray -t lines < <(printf 'one\ntwo\n')
echo "${#lines[@]}: ${lines[1]}"
