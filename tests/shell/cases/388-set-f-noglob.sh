# set -f turns pathname expansion off
: > a.txt
set -f
echo *.txt
[[ -o noglob ]] && echo "noglob on"
set +f
echo *.txt
