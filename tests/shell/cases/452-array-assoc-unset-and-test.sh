# unset a key, test keys with -v
declare -A m=([a]=1 [b]=2)
unset 'm[a]'
[[ -v m[a] ]] || echo "a removed"
[[ -v m[b] ]] && echo "b present"
echo "${#m[@]}"
