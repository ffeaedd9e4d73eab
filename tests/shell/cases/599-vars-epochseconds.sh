# EPOCHSECONDS and EPOCHREALTIME look like times
[ "$EPOCHSECONDS" -gt 1600000000 ] && echo "EPOCHSECONDS plausible"
[[ $EPOCHREALTIME =~ ^[0-9]+\.[0-9]{6}$ ]] && echo "EPOCHREALTIME has microseconds"
