# += on an associative element appends text
declare -A m=([k]=abc)
m[k]+=def
echo "${m[k]}"
