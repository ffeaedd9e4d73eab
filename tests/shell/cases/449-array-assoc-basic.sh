# associative arrays map strings to values
declare -A m
m[apple]=red
m[banana]=yellow
echo "${m[apple]} ${m[banana]}"
echo "${#m[@]}"
echo "[${m[missing]}]"
