# -o tests a shell option
set -f
[ -o noglob ] && echo "noglob on"
[ -o nosuchoption ] || echo "unknown option is false"
